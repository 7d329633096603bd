namespace CupiGen.Tests;

public class Smoke
{
    [Fact]
    public void Generated_model_exists()
    {
        var pg = Cupi.PortGroup.FromJson("{\"DisplayName\":\"x\"}");
        Assert.Equal("x", pg.DisplayName);
    }
}
