namespace CupiGen.Tool.Cli;
public static class InferCommand { public static int Execute(System.IO.FileInfo[] s, System.IO.FileInfo o, string n) => 0; }
