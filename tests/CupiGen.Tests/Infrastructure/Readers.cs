using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using CupiGen;

namespace CupiGen.Tests.Infrastructure;

/// <summary>What one read API made of a document: the model (or list) written back, or the format error.</summary>
public readonly record struct ReadOutcome(string Api, string? Written, CupiFormatException? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// Every public read API of one model type (string, UTF-8 span, stream, async stream; single and list) behind one
/// call, so a test can hand the same bytes to all of them and check that each gives a model or a
/// <see cref="CupiFormatException"/>, never another exception.
/// </summary>
public static class Readers
{
    /// <summary>Reads <paramref name="bytes"/> with every API of the format; any exception but CupiFormatException fails the test.</summary>
    public static IReadOnlyList<ReadOutcome> All<T>(byte[] bytes, bool xml)
        where T : class, ICupiModel<T>
    {
        var text = Encoding.UTF8.GetString(bytes);
        var outcomes = new List<ReadOutcome>(8);
        if (xml)
        {
            outcomes.Add(Run("FromXml(string)", () => CupiSerializer.ToXml(CupiSerializer.FromXml<T>(text))));
            outcomes.Add(Run("FromXml(span)", () => CupiSerializer.ToXml(CupiSerializer.FromXml<T>(bytes.AsSpan()))));
            outcomes.Add(Run("FromXml(stream)", () => CupiSerializer.ToXml(CupiSerializer.FromXml<T>(new MemoryStream(bytes)))));
            outcomes.Add(Run("ListFromXml(string)", () => ListXml(CupiSerializer.ListFromXml<T>(text))));
            outcomes.Add(Run("ListFromXml(span)", () => ListXml(CupiSerializer.ListFromXml<T>(bytes.AsSpan()))));
            outcomes.Add(Run("ListFromXml(stream)", () => ListXml(CupiSerializer.ListFromXml<T>(new MemoryStream(bytes)))));
        }
        else
        {
            outcomes.Add(Run("FromJson(string)", () => CupiSerializer.ToJson(CupiSerializer.FromJson<T>(text))));
            outcomes.Add(Run("FromJson(span)", () => CupiSerializer.ToJson(CupiSerializer.FromJson<T>(bytes.AsSpan()))));
            outcomes.Add(Run("FromJson(stream)", () => CupiSerializer.ToJson(CupiSerializer.FromJson<T>(new MemoryStream(bytes)))));
            outcomes.Add(Run("FromJsonAsync(stream)", () => CupiSerializer.ToJson(CupiSerializer.FromJsonAsync<T>(new MemoryStream(bytes), CancellationToken.None).AsTask().GetAwaiter().GetResult())));
            outcomes.Add(Run("ListFromJson(string)", () => ListJson(CupiSerializer.ListFromJson<T>(text))));
            outcomes.Add(Run("ListFromJson(span)", () => ListJson(CupiSerializer.ListFromJson<T>(bytes.AsSpan()))));
            outcomes.Add(Run("ListFromJson(stream)", () => ListJson(CupiSerializer.ListFromJson<T>(new MemoryStream(bytes)))));
            outcomes.Add(Run("ListFromJsonAsync(stream)", () => ListJson(CupiSerializer.ListFromJsonAsync<T>(new MemoryStream(bytes), CancellationToken.None).AsTask().GetAwaiter().GetResult())));
        }

        // The byte overloads (span, stream, async) see the same bytes, so they must agree exactly; the string
        // overload sees the bytes decoded (invalid UTF-8 as U+FFFD), so it is only held to the one exception type.
        AssertAgree(outcomes, xml ? ["FromXml(span)", "FromXml(stream)"] : ["FromJson(span)", "FromJson(stream)", "FromJsonAsync(stream)"]);
        AssertAgree(outcomes, xml ? ["ListFromXml(span)", "ListFromXml(stream)"] : ["ListFromJson(span)", "ListFromJson(stream)", "ListFromJsonAsync(stream)"]);

        // The XML byte overloads take a fast path the string overload never takes (XmlReader only): where the
        // string is the same document (valid UTF-8, no byte order mark or declared encoding), they must agree too.
        if (xml && SameAsText(bytes))
        {
            AssertAgree(outcomes, ["FromXml(string)", "FromXml(span)"], messages: false);
            AssertAgree(outcomes, ["ListFromXml(string)", "ListFromXml(span)"], messages: false);
        }

        return outcomes;
    }

    /// <summary>
    /// The full JSON reader alone (<see cref="Utf8JsonReader"/> into <c>T.ReadJson</c>, as CupiSerializer uses it when the fast
    /// path gives up), written back; null when it refuses the document.
    /// </summary>
    public static string? FullJson<T>(byte[] bytes)
        where T : class, ICupiModel<T>
    {
        try
        {
            ReadOnlySpan<byte> json = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes.AsSpan(3) : bytes;
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = CupiLimits.MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var model = T.ReadJson(ref reader);
            return reader.Read() ? null : CupiSerializer.ToJson(model);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (CupiFormatException)
        {
            return null;
        }
    }

    private static string ListJson<T>(CupiList<T> list)
        where T : class, ICupiModel<T> => CupiSerializer.ListToJson(list);

    private static string ListXml<T>(CupiList<T> list)
        where T : class, ICupiModel<T> => CupiSerializer.ListToXml(list);

    private static ReadOutcome Run(string api, Func<string> read)
    {
        try
        {
            return new ReadOutcome(api, read(), null);
        }
        catch (CupiFormatException ex)
        {
            Assert.False(string.IsNullOrEmpty(ex.Reason), api + ": a format error without a reason");
            Assert.True(ex.Line >= 0 && ex.Column >= 0, api + ": a negative position");
            return new ReadOutcome(api, null, ex);
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"{api} threw {ex.GetType().Name}, not CupiFormatException: {ex}");
        }
    }

    public static bool SameAsText(byte[] bytes) =>
        System.Text.Unicode.Utf8.IsValid(bytes) && !bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])
        && bytes.AsSpan().IndexOf("encoding"u8) < 0 && bytes.AsSpan().IndexOf((byte)0) < 0;

    private static void AssertAgree(List<ReadOutcome> outcomes, string[] apis, bool messages = true)
    {
        var first = outcomes.Find(o => o.Api == apis[0]);
        foreach (var api in apis[1..])
        {
            var other = outcomes.Find(o => o.Api == api);
            Assert.True(first.Succeeded == other.Succeeded, $"{first.Api} {(first.Succeeded ? "read" : "refused")} the document, {other.Api} {(other.Succeeded ? "read" : "refused")} it");
            Assert.Equal(first.Written, other.Written);
            if (messages)
            {
                Assert.Equal(first.Error?.Message, other.Error?.Message);
            }
        }
    }
}
