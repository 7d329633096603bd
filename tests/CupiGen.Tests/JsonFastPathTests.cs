using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Cupi;

namespace CupiGen.Tests;

/// <summary>
/// JSON is read by a fast path for flat all-string objects and, for anything else, by the full reader from the
/// start. The two must agree: the same random document is read once as it is (fast path) and once with its first
/// member name spelled with a JSON escape, which only the full reader takes. Values, unknown fields, written
/// output and errors (field and reason) must be the same.
/// </summary>
public class JsonFastPathTests
{
    // Names the schema knows (of each kind) plus one it does not; values mixing valid, padded, lenient and invalid.
    private static readonly string[] Names =
    [
        "DisplayName", "HostOrIPAddress", "SipAuthenticatePassword", "MwiOnCode", "EnableMWI", "SipDoAuthenticate",
        "MwiMaxConcurrentRequests", "MwiRetryCountOnSuccess", "PortCount", "TelephonyIntegrationMethodEnum",
        "ResetStatusEnum", "SipTransportProtocolEnum", "ObjectId", "FutureField",
    ];

    private static readonly string[] Values =
    [
        "", " ", "a", "PhoneSystem-6", "10.10.10.10", "0", "1", "5", "-3", " 7 ", "\\n  4\\n", "250", "251",
        "2147483647", "2147483648", "-2147483649", "1.5", "1e3", "0x10", "true", "false", "True", "FALSE", "yes",
        "é", "日本", "\\u00e9", "a\\\"b", "a\\\\b", "\\t", "<x>", "]]>", "3 4",
    ];

    public static TheoryData<int> Seeds() => new(Enumerable.Range(1, 40));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void An_object_reads_the_same_on_both_paths(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 50; i++)
        {
            var members = RandomMembers(random);
            var fast = Outcome(() => PortGroup.FromJson(Encoding.UTF8.GetBytes(Object(members, escapeFirstName: false))));
            var full = Outcome(() => PortGroup.FromJson(Encoding.UTF8.GetBytes(Object(members, escapeFirstName: true))));
            Assert.True(fast == full, $"seed {seed}/{i}: {Object(members, false)}\nfast: {fast}\nfull: {full}");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_list_reads_the_same_on_both_paths(int seed)
    {
        var random = new Random(-seed);
        for (var i = 0; i < 20; i++)
        {
            var items = Enumerable.Range(0, random.Next(1, 4)).Select(_ => RandomMembers(random)).ToList();
            var fast = Outcome(() => PortGroup.ListFromJson(Encoding.UTF8.GetBytes(List(items, escapeFirstName: false))));
            var full = Outcome(() => PortGroup.ListFromJson(Encoding.UTF8.GetBytes(List(items, escapeFirstName: true))));
            Assert.True(fast == full, $"seed {seed}/{i}: {List(items, false)}\nfast: {fast}\nfull: {full}");
        }
    }

    [Fact]
    public void Every_ascii_byte_in_a_value_or_a_name_reads_the_same_on_both_paths()
    {
        // The fast path finds where a plain string ends with its own byte loop; each byte must end it (or not)
        // exactly as the full reader treats it.
        for (var b = 0; b < 0x80; b++)
        {
            var raw = ((char)b).ToString();
            foreach (var members in new[] { new List<(string, string)> { ("PortCount", "4"), ("DisplayName", "a" + raw + "b") }, [("PortCount", "4"), ("Display" + raw + "Name", "x")] })
            {
                var fast = Outcome(() => PortGroup.FromJson(Encoding.UTF8.GetBytes(Object(members, escapeFirstName: false))));
                var full = Outcome(() => PortGroup.FromJson(Encoding.UTF8.GetBytes(Object(members, escapeFirstName: true))));
                Assert.True(fast == full, $"byte 0x{b:x2}: {Object(members, false)}\nfast: {fast}\nfull: {full}");
            }
        }
    }

    [Fact]
    public void Invalid_utf8_in_a_value_is_a_format_error_on_the_fast_path()
    {
        var json = Encoding.UTF8.GetBytes("{\"DisplayName\":\"ab\"}");
        json[16] = 0xC3; // a lead byte with no continuation

        var error = Assert.Throws<CupiFormatException>(() => PortGroup.FromJson(json));
        Assert.Equal(CupiWireFormat.Json, error.Format);
    }

    private static List<(string Name, string Value)> RandomMembers(Random random) =>
        Enumerable.Range(0, random.Next(1, 8))
            .Select(_ => (Names[random.Next(Names.Length)], Values[random.Next(Values.Length)]))
            .DistinctBy(m => m.Item1)
            .ToList();

    private static string Object(List<(string Name, string Value)> members, bool escapeFirstName) =>
        "{" + string.Join(",", members.Select((m, i) => $"\"{(i == 0 && escapeFirstName ? Escape(m.Name) : m.Name)}\":\"{m.Value}\"")) + "}";

    private static string List(List<List<(string Name, string Value)>> items, bool escapeFirstName)
    {
        var objects = items.Select((members, i) => Object(members, escapeFirstName && i == 0)).ToList();
        var body = objects.Count == 1 ? objects[0] : "[" + string.Join(",", objects) + "]";
        return $"{{\"@total\":\"{objects.Count}\",\"PortGroup\":{body}}}";
    }

    // "DisplayName" -> "\u0044isplayName": the same name to any JSON reader, but not a plain string.
    private static string Escape(string name) => $"\\u{(int)name[0]:x4}{name[1..]}";

    private static string Outcome(Func<object> read)
    {
        try
        {
            return read() switch
            {
                PortGroup one => Describe(one),
                CupiList<PortGroup> list => $"{list.Total}:" + string.Join("|", list.Select(Describe)),
                var other => other.ToString() ?? "",
            };
        }
        catch (CupiFormatException ex)
        {
            return $"error {ex.Field} {ex.Reason}";
        }
    }

    private static string Describe(PortGroup p) =>
        p.ToJson() + " " + p.ToXml() + " " + string.Join(",", p.AdditionalFields.Select(f => f.Key + "=" + f.Value)) +
        " " + p.IsPresent("EnableMWI") + p.IsPresent("DisplayName");
}
