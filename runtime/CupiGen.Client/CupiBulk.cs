using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace CupiGen;

/// <summary>How far a bulk run has got: items finished (<see cref="Done"/>, failures included), of which
/// <see cref="Failed"/> failed, out of <see cref="Total"/>, after <see cref="Elapsed"/>.</summary>
/// <param name="Done">Items finished, successfully or not.</param>
/// <param name="Failed">Finished items that failed.</param>
/// <param name="Total">Items in the run.</param>
/// <param name="Elapsed">Time since the run started.</param>
public sealed record CupiBulkProgress(int Done, int Failed, int Total, TimeSpan Elapsed)
{
    /// <summary>Finished items that succeeded.</summary>
    public int Succeeded => Done - Failed;

    /// <summary>Items finished per second so far.</summary>
    public double ItemsPerSecond => Elapsed > TimeSpan.Zero ? Done / Elapsed.TotalSeconds : 0;
}

/// <summary>The outcome of one item of a bulk run: its <see cref="Value"/> (a new object's id, or the item) or its
/// <see cref="Error"/> (a <see cref="CupiApiException"/> or <see cref="CupiValidationException"/>).</summary>
/// <typeparam name="T">What a successful item yields.</typeparam>
public sealed class CupiBulkResult<T>
{
    internal CupiBulkResult(int index, T? value, Exception? error)
    {
        Index = index;
        Value = value;
        Error = error;
    }

    /// <summary>The item's position in the input.</summary>
    public int Index { get; }

    /// <summary>What the item yielded, when it succeeded.</summary>
    public T? Value { get; }

    /// <summary>Why the item failed: <see cref="CupiApiException"/> (the server refused or did not answer) or
    /// <see cref="CupiValidationException"/> (the item was invalid and not sent); null when it succeeded.</summary>
    public Exception? Error { get; }

    /// <summary>Whether the item succeeded.</summary>
    public bool Succeeded => Error is null;

    /// <summary>
    /// Whether the server may have acted on a failed item: no answer came after the request was sent (a timeout,
    /// a lost connection), the server answered a 5xx other than 503, or its success answer could not be read.
    /// Such a create is never repeated by the client (its object may exist): look it up before trying again.
    /// False when the request was refused (4xx, 503, 429), was never sent, or could not connect.
    /// </summary>
    public bool MayHaveBeenApplied => Error is CupiApiException api && api.StatusCode switch
    {
        0 => api.InnerException is not HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError },
        HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests => false,
        var status => (int)status is >= 200 and < 300 or >= 500,
    };

    /// <summary>The value, or the error's message.</summary>
    public override string ToString() => Succeeded ? $"#{Index}: {Value}" : $"#{Index}: {Error!.Message}";
}

/// <summary>Every item's outcome of a bulk run, in input order, with totals.</summary>
/// <typeparam name="T">What a successful item yields.</typeparam>
public sealed class CupiBulkResults<T> : IReadOnlyList<CupiBulkResult<T>>
{
    private readonly CupiBulkResult<T>[] _results;

    internal CupiBulkResults(CupiBulkResult<T>[] results, TimeSpan elapsed)
    {
        _results = results;
        Elapsed = elapsed;
        Failed = results.Count(r => !r.Succeeded);
    }

    /// <summary>Items in the run.</summary>
    public int Count => _results.Length;

    /// <summary>Items that failed.</summary>
    public int Failed { get; }

    /// <summary>Items that succeeded.</summary>
    public int Succeeded => Count - Failed;

    /// <summary>How long the run took.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Items per second over the run.</summary>
    public double ItemsPerSecond => Elapsed > TimeSpan.Zero ? Count / Elapsed.TotalSeconds : 0;

    /// <summary>The failed items.</summary>
    public IEnumerable<CupiBulkResult<T>> Failures => _results.Where(r => !r.Succeeded);

    /// <summary>The values of the items that succeeded, in input order.</summary>
    public IEnumerable<T> Values => _results.Where(r => r.Succeeded).Select(r => r.Value!);

    /// <inheritdoc />
    public CupiBulkResult<T> this[int index] => _results[index];

    /// <inheritdoc />
    public IEnumerator<CupiBulkResult<T>> GetEnumerator() => ((IEnumerable<CupiBulkResult<T>>)_results).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A one-line summary: counts, time and rate.</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Succeeded} of {Count} succeeded, {Failed} failed, in {Elapsed.TotalSeconds:0.00} s ({ItemsPerSecond:0} items/s)");
}

/// <summary>
/// Runs one CUPI call per item, many at once but never more than the transport's
/// <see cref="CupiClientOptions.MaxConcurrentRequestsPerServer"/> (so items do not queue behind the server's
/// limit while their <see cref="CupiClientOptions.TotalTimeout"/> runs), reports progress after each item, and
/// returns one result per item. A failed item never stops the others; nothing is retried here beyond the
/// transport's own rule, so a create whose answer was lost is reported (<see cref="CupiBulkResult{T}.MayHaveBeenApplied"/>)
/// and never sent twice. Cancelling the token stops the run with <see cref="OperationCanceledException"/>.
/// The generated <c>CreateManyAsync</c>, <c>UpdateManyAsync</c>, <c>DeleteManyAsync</c>, … call it.
/// </summary>
public static class CupiBulk
{
    /// <summary>Runs <paramref name="call"/> for every item and collects what each yields.</summary>
    /// <typeparam name="TItem">The item type (a model, an id).</typeparam>
    /// <typeparam name="TResult">What a call yields (a new object's id).</typeparam>
    /// <param name="transport">The transport whose concurrency limit bounds the run.</param>
    /// <param name="items">The items.</param>
    /// <param name="call">The call for one item.</param>
    /// <param name="progress">Told after each item (and once at the start), or null.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static Task<CupiBulkResults<TResult>> RunAsync<TItem, TResult>(
        CupiTransport transport,
        IEnumerable<TItem> items,
        Func<TItem, CancellationToken, Task<TResult>> call,
        IProgress<CupiBulkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transport);
        return RunAsync(transport.Options.MaxConcurrentRequestsPerServer, items, call, progress, cancellationToken);
    }

    /// <summary>Runs <paramref name="call"/> for every item; a successful item's value is the item itself.</summary>
    /// <typeparam name="TItem">The item type (a model, an id).</typeparam>
    /// <param name="transport">The transport whose concurrency limit bounds the run.</param>
    /// <param name="items">The items.</param>
    /// <param name="call">The call for one item.</param>
    /// <param name="progress">Told after each item (and once at the start), or null.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static Task<CupiBulkResults<TItem>> ForEachAsync<TItem>(
        CupiTransport transport,
        IEnumerable<TItem> items,
        Func<TItem, CancellationToken, Task> call,
        IProgress<CupiBulkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(call);
        return RunAsync(transport.Options.MaxConcurrentRequestsPerServer, items, async (item, token) =>
        {
            await call(item, token).ConfigureAwait(false);
            return item;
        }, progress, cancellationToken);
    }

    /// <summary>Runs <paramref name="call"/> for every item, at most <paramref name="maxConcurrency"/> at once.</summary>
    /// <typeparam name="TItem">The item type.</typeparam>
    /// <typeparam name="TResult">What a call yields.</typeparam>
    /// <param name="maxConcurrency">Items in progress at once.</param>
    /// <param name="items">The items.</param>
    /// <param name="call">The call for one item.</param>
    /// <param name="progress">Told after each item (and once at the start), or null.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<CupiBulkResults<TResult>> RunAsync<TItem, TResult>(
        int maxConcurrency,
        IEnumerable<TItem> items,
        Func<TItem, CancellationToken, Task<TResult>> call,
        IProgress<CupiBulkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(call);
        var list = items as IReadOnlyList<TItem> ?? items.ToArray();
        var results = new CupiBulkResult<TResult>[list.Count];
        var started = Stopwatch.GetTimestamp();
        var done = 0;
        var failed = 0;
        progress?.Report(new CupiBulkProgress(0, 0, list.Count, TimeSpan.Zero));
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, list.Count), options, async (index, token) =>
        {
            CupiBulkResult<TResult> result;
            try
            {
                result = new(index, await call(list[index], token).ConfigureAwait(false), null);
            }
            catch (Exception ex) when (ex is CupiApiException or CupiValidationException)
            {
                result = new(index, default, ex);
            }
            catch (ArgumentException ex)
            {
                // An item the call cannot even address (no ObjectId, a null item): invalid, not sent.
                result = new(index, default, Invalid(ex, index));
            }

            results[index] = result;
            var failedNow = result.Succeeded ? Volatile.Read(ref failed) : Interlocked.Increment(ref failed);
            var doneNow = Interlocked.Increment(ref done);
            progress?.Report(new CupiBulkProgress(doneNow, failedNow, list.Count, Stopwatch.GetElapsedTime(started)));
        }).ConfigureAwait(false);
        return new CupiBulkResults<TResult>(results, Stopwatch.GetElapsedTime(started));
    }

    private static CupiValidationException Invalid(ArgumentException ex, int index)
    {
        var field = ex.ParamName ?? "item";
        var problem = new CupiValidationProblem(field, CupiRule.Required, CupiSeverity.Error, null, null, ex.Message);
        return new CupiValidationException($"bulk item #{index}", new CupiValidationResult([problem]));
    }
}
