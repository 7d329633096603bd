namespace CupiGen.Tool.Cli;
public static class LintCommand { public static int Execute(System.IO.FileInfo page) => 0; }
