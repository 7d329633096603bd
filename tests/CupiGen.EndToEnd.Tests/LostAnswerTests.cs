using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Cupi;
using CupiGen.EndToEnd.Tests.Infrastructure;

namespace CupiGen.EndToEnd.Tests;

/// <summary>
/// The emulator processes a request and its answer is lost on the way back (a reset connection), wired as an
/// application wires the client: GET and PUT are asked again, a DELETE that then meets 404 counts as done, and a
/// POST is never repeated, so no object is created twice.
/// </summary>
public sealed class LostAnswerTests
{
    private static Func<System.Net.Http.HttpRequestMessage, bool> FirstOf(string method)
    {
        var seen = 0;
        return request => request.Method.Method == method && Interlocked.Increment(ref seen) == 1;
    }

    [Theory, BothFormats]
    public async Task A_lost_POST_answer_is_not_repeated_and_the_object_exists_once(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format, loseAnswer: FirstOf("POST"));

        var ex = await Assert.ThrowsAsync<CupiApiException>(() => cuc.CreateSccpAsync("Lost"));

        Assert.Equal((HttpStatusCode)0, ex.StatusCode);
        Assert.Equal(("POST", "/vmrest/portgroups"), (ex.Method, ex.Path));
        Assert.NotNull(ex.InnerException);
        Assert.Single(cuc.Emulator.GetObjects("PortGroup"));
        Assert.Single(cuc.Wire.All, r => r.Method == "POST");
    }

    [Theory, BothFormats]
    public async Task A_lost_DELETE_answer_is_retried_and_the_404_counts_as_deleted(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format, loseAnswer: FirstOf("DELETE"));
        var id = await cuc.CreateSccpAsync("Deleted");

        await cuc.Client.PortGroups.DeleteAsync(id);

        Assert.Empty(cuc.Emulator.GetObjects("PortGroup"));
        Assert.Equal([204, 404], cuc.Wire.All.Where(r => r.Method == "DELETE").Select(r => r.Status));
    }

    [Theory, BothFormats]
    public async Task A_lost_GET_or_PUT_answer_is_asked_again(CupiWireFormat format)
    {
        var lose = 0;
        await using var cuc = await Cuc.StartAsync(format, loseAnswer: request =>
            request.Method.Method is "GET" or "PUT" && request.RequestUri!.AbsolutePath.StartsWith("/vmrest/portgroups/", StringComparison.Ordinal) && Interlocked.Increment(ref lose) % 2 == 1);
        var id = await cuc.CreateSccpAsync("Asked again");

        await cuc.Client.PortGroups.UpdateAsync(id, new PortGroup { EnableAGC = false });
        var read = await cuc.Client.PortGroups.GetAsync(id);

        Assert.Equal(false, read.EnableAGC);
        Assert.Equal(2, cuc.Wire.All.Count(r => r.Method == "PUT"));
        Assert.Equal(2, cuc.Wire.All.Count(r => r.Method == "GET"));
    }
}
