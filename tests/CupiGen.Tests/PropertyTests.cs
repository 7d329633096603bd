using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Cupi;
using CsCheck;
using CupiGen.Tests.Infrastructure;

namespace CupiGen.Tests;

/// <summary>
/// Property tests (CsCheck), seeded and bounded so they run in the normal test run: generated valid documents
/// round-trip in both formats, damaged bytes give a model or a <see cref="CupiFormatException"/> from every read
/// API, and the fast JSON path and the full reader agree. <c>CUPIGEN_PROPERTY_SEED</c> replays another seed
/// (CsCheck prints the seed of a failure); <c>CUPIGEN_PROPERTY_ITER</c> runs more iterations.
/// </summary>
public sealed class PropertyTests
{
    private static readonly string Seed = Environment.GetEnvironmentVariable("CUPIGEN_PROPERTY_SEED") ?? "2ih7SljLkv41";

    private static readonly long Scale = long.TryParse(Environment.GetEnvironmentVariable("CUPIGEN_PROPERTY_ITER"), CultureInfo.InvariantCulture, out var n) ? n : 1;

    public static TheoryData<string> Models() => ["PortGroup", "PortGroupTemplate", "PortGroupServer", "SipSecurityProfile"];

    [Theory]
    [MemberData(nameof(Models))]
    public void Generated_documents_round_trip_in_json_with_null_and_raw_values(string model) =>
        Dispatch(model, new JsonRoundTrip());

    [Theory]
    [MemberData(nameof(Models))]
    public void Generated_documents_round_trip_in_xml_and_across_formats(string model) =>
        Dispatch(model, new CrossFormatRoundTrip());

    [Theory]
    [MemberData(nameof(Models))]
    public void Damaged_documents_give_a_model_or_a_format_error_from_every_reader(string model) =>
        Dispatch(model, new Mutations());

    [Theory]
    [MemberData(nameof(Models))]
    public void The_fast_json_path_and_the_full_reader_agree(string model) =>
        Dispatch(model, new FastAgainstFull());

    private static void Dispatch(string model, IProperty property)
    {
        switch (model)
        {
            case "PortGroup":
                property.Run<PortGroup>();
                break;
            case "PortGroupTemplate":
                property.Run<PortGroupTemplate>();
                break;
            case "PortGroupServer":
                property.Run<PortGroupServer>();
                break;
            default:
                property.Run<SipSecurityProfile>();
                break;
        }
    }

    private interface IProperty
    {
        void Run<T>()
            where T : class, ICupiModel<T>;
    }

    // ------------------------------------------------------------------ properties

    private sealed class JsonRoundTrip : IProperty
    {
        public void Run<T>()
            where T : class, ICupiModel<T> =>
            Documents.Of<T>(crossFormat: false).Sample(
                doc =>
                {
                    var bytes = doc.ToJsonBytes();
                    var first = CupiSerializer.FromJson<T>(bytes);
                    var written = CupiSerializer.ToJson(first);
                    var again = CupiSerializer.FromJson<T>(written);
                    Inspect.AssertSameFields(first, again);
                    Assert.Equal(written, CupiSerializer.ToJson(again));

                    // Presence and null against the document itself.
                    foreach (var member in doc.Members.Where(m => m.Known))
                    {
                        Assert.True(Inspect.IsPresent(first, member.Name), member.Name + " lost");
                    }

                    var list = CupiSerializer.ListFromJson<T>(CupiSerializer.ListToJson<T>([first, again]));
                    Assert.Equal(2, list.Count);
                    Assert.Equal(written, CupiSerializer.ToJson(list[1]));
                },
                seed: Seed,
                iter: 150 * Scale,
                print: d => d.ToJsonText());
    }

    private sealed class CrossFormatRoundTrip : IProperty
    {
        public void Run<T>()
            where T : class, ICupiModel<T> =>
            Documents.Of<T>(crossFormat: true).Sample(
                doc =>
                {
                    var first = CupiSerializer.FromJson<T>(doc.ToJsonBytes());
                    var xml = CupiSerializer.ToXml(first);
                    var fromXml = CupiSerializer.FromXml<T>(xml);
                    Inspect.AssertSameFields(first, fromXml);
                    Assert.Equal(xml, CupiSerializer.ToXml(fromXml));

                    var back = CupiSerializer.FromJson<T>(CupiSerializer.ToJson(fromXml));
                    Inspect.AssertSameFields(first, back);
                    Assert.Equal(CupiSerializer.ToJson(first), CupiSerializer.ToJson(back));

                    var list = CupiSerializer.ListFromXml<T>(CupiSerializer.ListToXml<T>([first, fromXml, back]));
                    Assert.Equal(3, list.Count);
                    Assert.All(list, item => Assert.Equal(xml, CupiSerializer.ToXml(item)));
                },
                seed: Seed,
                iter: 150 * Scale,
                print: d => d.ToJsonText());
    }

    private sealed class Mutations : IProperty
    {
        public void Run<T>()
            where T : class, ICupiModel<T>
        {
            var corpus = Corpus<T>();
            var gen = Gen.Select(Gen.Int[0, corpus.Count - 1], Mutation.Gen.Array[1, 4]);
            gen.Sample(
                (index, mutations) =>
                {
                    var (bytes, xml) = corpus[index];
                    var damaged = Mutation.Apply(bytes, mutations);
                    Readers.All<T>(damaged, xml);
                },
                seed: Seed,
                iter: 400 * Scale,
                print: t => Encoding.UTF8.GetString(Mutation.Apply(corpus[t.Item1].Bytes, t.Item2)));
        }
    }

    private sealed class FastAgainstFull : IProperty
    {
        public void Run<T>()
            where T : class, ICupiModel<T>
        {
            // Flat documents of plain strings are what the fast path takes; damage them a little so both readers
            // see the edges (escapes, control bytes, invalid UTF-8, numbers, nesting, a cut).
            var flat = Documents.Of<T>(crossFormat: true).Select(d => d.ToJsonBytes());
            var gen = Gen.Select(flat, Mutation.Gen.Array[0, 2]);
            gen.Sample(
                (doc, mutations) =>
                {
                    var bytes = Mutation.Apply(doc, mutations);
                    var full = Readers.FullJson<T>(bytes);
                    string? served;
                    try
                    {
                        served = CupiSerializer.ToJson(CupiSerializer.FromJson<T>(bytes));
                    }
                    catch (CupiFormatException)
                    {
                        served = null;
                    }

                    Assert.Equal(full, served);
                },
                seed: Seed,
                iter: 300 * Scale,
                print: t => Encoding.UTF8.GetString(Mutation.Apply(t.Item1, t.Item2)));
        }
    }

    // The document's examples for the model, in both formats, and a few generated documents.
    private static List<(byte[] Bytes, bool Xml)> Corpus<T>()
        where T : class, ICupiModel<T>
    {
        var corpus = Fixtures.All.Values
            .Where(f => f.Resource == T.ElementName)
            .Select(f => (Encoding.UTF8.GetBytes(f.Text), f.IsXml))
            .ToList();
        var generated = Documents.Of<T>(crossFormat: true);
        for (var i = 0; i < 6; i++)
        {
            var first = CupiSerializer.FromJson<T>(generated.Single().ToJsonBytes());
            corpus.Add((Encoding.UTF8.GetBytes(CupiSerializer.ToJson(first)), false));
            corpus.Add((Encoding.UTF8.GetBytes(CupiSerializer.ListToXml<T>([first, first])), true));
        }

        return corpus;
    }

    // ------------------------------------------------------------------ generators

    /// <summary>One member of a generated JSON object: a known field or an additional one, and its JSON value.</summary>
    private sealed record Member(string Name, bool Known, string? Text, string? Raw)
    {
        public void Write(Utf8JsonWriter writer)
        {
            writer.WritePropertyName(Name);
            if (Raw is not null)
            {
                writer.WriteRawValue(Raw);
            }
            else
            {
                writer.WriteStringValue(Text);
            }
        }
    }

    private sealed record Document(IReadOnlyList<Member> Members)
    {
        private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        public byte[] ToJsonBytes()
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, Options))
            {
                writer.WriteStartObject();
                foreach (var member in Members)
                {
                    member.Write(writer);
                }

                writer.WriteEndObject();
            }

            return buffer.WrittenSpan.ToArray();
        }

        public string ToJsonText() => Encoding.UTF8.GetString(ToJsonBytes());
    }

    private static class Documents
    {
        // Pieces of text that stress both dialects: markup, escapes, line ends, non-ASCII, a surrogate pair.
        private static readonly string[] Atoms = ["a", "Z", "0", "7", " ", "-", "<", ">", "&", "\"", "'", "\\", "/", "\n", "\r", "\r\n", "\t", "é", "日", "€", "😀", "]]>", "&amp;", "<![CDATA[", "_x0040_", "\u00a0"];

        // What only JSON carries: control characters (XML 1.0 cannot hold them).
        private static readonly string[] JsonOnlyAtoms = ["\u0001", "\u001f", "\u0000", "\ufffe"];

        private static readonly string[] NamePrefixes = ["Zq", "@zq", "1zq", "zq ", "_x0040_zq", "zq:z", "日zq", "zq.z"];

        public static Gen<Document> Of<T>(bool crossFormat)
            where T : class, ICupiModel<T>
        {
            var text = Text(crossFormat);
            Gen<List<Member>> gen = Gen.Const(() => new List<Member>());
            foreach (var field in T.Metadata.Fields)
            {
                var value = Known(field, text, crossFormat);
                var name = field.WireName;
                gen = gen.SelectMany(list => Gen.Int[0, 2].SelectMany(present => present == 0
                    ? Gen.Const(list)
                    : value.Select(v => Append(list, v with { Name = name }))));
            }

            var unknowns = Unknown(text, crossFormat).Array[0, 5];
            return Gen.Select(gen, unknowns, Gen.Int[0, 1_000_000], (known, extra, order) =>
            {
                // Unknown members go anywhere between the known ones; each name is unique.
                var members = new List<Member>(known);
                for (var i = 0; i < extra.Length; i++)
                {
                    var at = members.Count == 0 ? 0 : (order + (i * 7919)) % (members.Count + 1);
                    members.Insert(at, extra[i] with { Name = extra[i].Name + i.ToString(CultureInfo.InvariantCulture) });
                }

                return new Document(members);
            });
        }

        private static List<Member> Append(List<Member> list, Member member)
        {
            var copy = new List<Member>(list) { member };
            return copy;
        }

        private static Gen<string> Text(bool crossFormat)
        {
            var atoms = crossFormat ? Atoms : [.. Atoms, .. JsonOnlyAtoms];
            return Gen.OneOf(atoms).Array[0, 8].Select(pieces => string.Concat(pieces));
        }

        // A known field's value as a server may send it; the readers trim text, so generated text is trimmed.
        private static Gen<Member> Known(CupiGen.CupiFieldInfo field, Gen<string> text, bool crossFormat)
        {
            switch (field.Kind)
            {
                case CupiGen.CupiFieldKind.String:
                    var plain = text.Select(t => new Member(string.Empty, true, t.Trim(), null));
                    return crossFormat
                        ? plain
                        : Gen.Frequency((6, plain), (1, Gen.Const(new Member(string.Empty, true, null, "null"))), (1, Gen.Int.Select(i => new Member(string.Empty, true, null, i.ToString(CultureInfo.InvariantCulture)))));
                case CupiGen.CupiFieldKind.Boolean:
                    return Gen.Frequency(
                        (4, Gen.OneOf("true", "false", "True", "FALSE", "1", "0", "", " true ").Select(t => new Member(string.Empty, true, t, null))),
                        (1, Gen.OneOf("true", "false", "null").Select(r => new Member(string.Empty, true, null, r))));
                default:
                    return Gen.Frequency(
                        (4, Gen.Int.Select(i => new Member(string.Empty, true, i.ToString(CultureInfo.InvariantCulture), null))),
                        (1, Gen.Int[-5, 500].Select(i => new Member(string.Empty, true, null, i.ToString(CultureInfo.InvariantCulture)))),
                        (1, Gen.OneOf("", " 12 ", "null").Select(t => t == "null" ? new Member(string.Empty, true, null, "null") : new Member(string.Empty, true, t, null))));
            }
        }

        // An additional field: a name no model has (some no XML name), text, and in JSON raw values too.
        private static Gen<Member> Unknown(Gen<string> text, bool crossFormat)
        {
            var name = Gen.OneOf(NamePrefixes);
            var scalar = Gen.Select(name, text, (n, t) => new Member(n, false, crossFormat ? t.Trim() : t, null));
            if (crossFormat)
            {
                return scalar;
            }

            var raw = Gen.Select(name, Gen.OneOf("true", "false", "null", "12", "-0.5e3", "[]", "{}", "[1,\"a\",{\"b\":[null,true]}]", "{\"x\":{\"y\":\"日\\n\"},\"z\":[]}", " [ 1 , 2 ] "), (n, r) => new Member(n, false, null, r));
            return Gen.Frequency((3, scalar), (2, raw));
        }
    }

    /// <summary>A change to a document's bytes, as a damaged transfer or a hostile server would make.</summary>
    private readonly record struct Mutation(int Kind, int Position, int Length, int Value)
    {
        private static readonly byte[] Interesting = "<>/{}[]\":,\\&;!?= \n\r\t0-a"u8.ToArray().Concat(new byte[] { 0x00, 0x01, 0x7F, 0x80, 0xA0, 0xC3, 0xED, 0xEF, 0xF0, 0xFF }).ToArray();

        private static readonly string[] Tokens = ["<![CDATA[x]]>", "&#xD;", "&#0;", "&bogus;", "\\ud800", "\\u0000", "\\\"", "]]>", "<!--c-->", "<?pi?>", "<!DOCTYPE x>", "null", "[", "{\"a\":", "<a>", "</a>", "xmlns:p=\"u\"", "\uFEFF", "1e999", "\"@total\":\"-1\","];

        public static readonly Gen<Mutation> Gen = CsCheck.Gen.Select(CsCheck.Gen.Int[0, 6], CsCheck.Gen.Int[0, int.MaxValue], CsCheck.Gen.Int[1, 40], CsCheck.Gen.Int[0, 255], (k, p, l, v) => new Mutation(k, p, l, v));

        public static byte[] Apply(byte[] input, Mutation[] mutations)
        {
            var bytes = new List<byte>(input);
            foreach (var m in mutations)
            {
                m.ApplyTo(bytes);
            }

            return [.. bytes];
        }

        private void ApplyTo(List<byte> bytes)
        {
            var at = bytes.Count == 0 ? 0 : Position % bytes.Count;
            switch (Kind)
            {
                case 0 when bytes.Count > 0:
                    bytes[at] = Interesting[Value % Interesting.Length];
                    break;
                case 1 when bytes.Count > 0:
                    bytes[at] ^= (byte)(1 << (Value % 8));
                    break;
                case 2:
                    bytes.RemoveRange(at, Math.Min(Length, bytes.Count - at));
                    break;
                case 3:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[Value % Tokens.Length]));
                    break;
                case 4:
                    bytes.InsertRange(at, bytes.GetRange(at, Math.Min(Length, bytes.Count - at)));
                    break;
                case 5:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    bytes.Insert(at, Interesting[Value % Interesting.Length]);
                    break;
            }
        }
    }
}
