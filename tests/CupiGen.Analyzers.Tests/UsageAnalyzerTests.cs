using System.Threading.Tasks;

namespace CupiGen.Analyzers.Tests;

public class UsageAnalyzerTests
{
    private const string Usings = "using Cupi;\nusing CupiGen;\n";

    private static Task Verify(string body, string? fixedBody = null, int codeActionIndex = 0)
    {
        var test = new CupiTest(Usings + body, fixedBody is null ? null : Usings + fixedBody);
        if (fixedBody is not null)
        {
            test.CodeActionIndex = codeActionIndex;
        }

        return test.RunAsync();
    }

    // ------------------------------------------------------------------ CUPI2001 read-only

    [Fact]
    public Task Assignment_to_a_read_only_field_is_an_error() => Verify("""
        static class C
        {
            static void M(PortGroup portGroup) => {|CUPI2001:portGroup.ObjectId|} = "x";
        }
        """);

    [Fact]
    public Task Every_kind_of_write_to_a_read_only_field_is_an_error() => Verify("""
        static class C
        {
            static void M(PortGroup p)
            {
                {|CUPI2001:p.PortCount|} += 1;
                {|CUPI2001:p.PortCount|}++;
                --{|CUPI2001:p.PortCount|};
                {|CUPI2001:p.URI|} ??= "u";
                ({|CUPI2001:p.ObjectId|}, var n) = ("x", 1);
                _ = n;
                _ = new PortGroup { {|CUPI2001:ObjectId|} = "x", {|CUPI2001:ResetStatusEnum|} = ResetStatus.Required };
            }
        }
        """);

    [Fact]
    public Task The_message_names_the_field_and_why() => new CupiTest(Usings + """
        static class C
        {
            static void M(PortGroup p) => p.ObjectId = "x";
        }
        """)
    {
        ExpectedDiagnostics =
        {
            Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerError("CUPI2001").WithSpan("/0/Test0.cs", 5, 35, 5, 45)
                .WithMessage("'ObjectId' is read-only: its value is set by Cisco Unity Connection, and requests never send it"),
        },
    }.RunAsync();

    [Fact]
    public Task Nested_deconstruction_and_ref_or_out_arguments_are_writes() => Verify("""
        static class C
        {
            static void Set(ref string? value) => value = "x";
            static void Get(out string? value) => value = "x";
            static void M(PortGroup p)
            {
                (({|CUPI2001:p.ObjectId|}, {|CUPI2001:p.URI|}), var n) = (("a", "b"), 1);
                _ = n;
                Set(ref {|CUPI2001:{|CS0206:p.ObjectId|}|});
                Get(out {|CUPI2001:{|CS0206:p.PortGroupServerURI|}|});
            }
        }
        """);

    [Fact]
    public Task A_write_to_a_read_only_field_is_reported_once_even_with_a_bad_constant() => Verify("""
        static class C
        {
            static void M(PortGroup p)
            {
                {|CUPI2001:p.ObjectId|} = "not an id";
                _ = new PortGroup { {|CUPI2001:PortCount|} = -5 };
            }
        }
        """);

    // ------------------------------------------------------------------ CUPI2002 create-only

    [Fact]
    public Task Create_only_field_in_the_initializer_of_a_new_model_is_fine_elsewhere_an_error() => Verify("""
        static class C
        {
            static PortGroup M(PortGroup existing)
            {
                {|CUPI2002:existing.DisplayName|} = "x";
                var fresh = new PortGroup { DisplayName = "ok", HostOrIPAddress = "10.0.0.1" };
                {|CUPI2002:fresh.HostOrIPAddress|} = "10.0.0.2";
                {|CUPI2002:fresh.DisplayName|} += "!";
                return fresh;
            }
        }
        """);

    [Fact]
    public Task Create_only_field_of_an_existing_object_is_an_error_in_every_kind_of_write() => Verify("""
        using System.Collections.Generic;

        sealed class Holder
        {
            public PortGroup Group { get; } = new PortGroup();
        }

        static class C
        {
            static void M(PortGroup existing)
            {
                _ = new Holder { Group = { {|CUPI2002:DisplayName|} = "nested initializer of an existing object" } };
                ({|CUPI2002:existing.DisplayName|}, var n) = ("x", 1);
                _ = n;
                {|CUPI2002:existing.TelephonyIntegrationMethodEnum|} ??= TelephonyIntegrationMethod.Sip;
                PortGroup targetTyped = new() { DisplayName = "fine", TelephonyIntegrationMethodEnum = TelephonyIntegrationMethod.Sip };
                var list = new List<PortGroup> { new PortGroup { DisplayName = "fine" } };
                _ = (targetTyped, list);
            }
        }
        """);

    [Fact]
    public Task The_create_only_message_names_the_field_and_the_type() => new CupiTest(Usings + """
        static class C
        {
            static void M(PortGroup p) => p.DisplayName = "x";
        }
        """)
    {
        ExpectedDiagnostics =
        {
            Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerError("CUPI2002").WithSpan("/0/Test0.cs", 5, 35, 5, 48)
                .WithMessage("'DisplayName' is create-only: it can be given only in the object initializer of a new PortGroup; it is fixed once the object exists, and update requests never send it"),
        },
    }.RunAsync();

    [Fact]
    public Task Constants_given_to_a_create_only_field_of_a_new_object_are_still_checked() => Verify("""
        static class C
        {
            static void M(PortGroup existing)
            {
                _ = new PortGroup { DisplayName = {|CUPI2004:"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"|} };
                _ = new PortGroup { TelephonyIntegrationMethodEnum = {|CUPI2007:(TelephonyIntegrationMethod)7|} };
                {|CUPI2002:existing.TelephonyIntegrationMethodEnum|} = (TelephonyIntegrationMethod)7;
            }
        }
        """);

    // ------------------------------------------------------------------ constants

    [Fact]
    public Task The_range_message_names_the_field_the_value_and_the_range() => new CupiTest(Usings + """
        static class C
        {
            static PortGroup M() => new PortGroup { MwiMaxConcurrentRequests = 300 };
        }
        """)
    {
        ExpectedDiagnostics =
        {
            Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerError("CUPI2003").WithSpan("/0/Test0.cs", 5, 72, 5, 75)
                .WithMessage("'MwiMaxConcurrentRequests': 300 is outside 0..250"),
        },
    }.RunAsync();

    [Fact]
    public Task Constants_reached_through_casts_and_const_fields_are_checked_and_run_time_values_are_not() => Verify("""
        static class C
        {
            const int TooMany = 251;

            static void M(PortGroup p, int count)
            {
                p.MwiMaxConcurrentRequests = {|CUPI2003:(int?)300|};
                p.MwiMaxConcurrentRequests = {|CUPI2003:TooMany|};
                p.MwiMaxConcurrentRequests = count * 1000;
                p.MwiMaxConcurrentRequests = null;
            }
        }
        """);

    [Fact]
    public Task Out_of_range_constants_are_errors_and_bounds_are_fine() => Verify("""
        static class C
        {
            static void M(PortGroup p)
            {
                _ = new PortGroup { EnableMWI = true, MwiMaxConcurrentRequests = {|CUPI2003:300|} };
                _ = new PortGroup { EnableMWI = true, MwiMaxConcurrentRequests = 250 };
                _ = new PortGroup { EnableMWI = true, MwiMaxConcurrentRequests = 0 };
                p.MwiMaxConcurrentRequests = {|CUPI2003:-1|};
                p.OutgoingGuardTimeMs = {|CUPI2003:10001|};
                p.OutgoingGuardTimeMs = 10000;
            }
        }
        """);

    [Fact]
    public Task Too_long_text_is_an_error() => Verify("""
        static class C
        {
            static void M(PortGroup p) => p.SipContactLineName = {|CUPI2004:"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"|};
            static void Ok(PortGroup p) => p.SipContactLineName = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        }
        """);

    [Fact]
    public Task Values_outside_the_allowed_set_are_errors() => Verify("""
        static class C
        {
            static void M()
            {
                _ = new PortGroupCodec { PreferredPacketSizeMs = {|CUPI2005:15|} };
                _ = new PortGroupCodec { PreferredPacketSizeMs = 20 };
            }
        }
        """);

    [Fact]
    public Task Characters_the_pattern_rejects_are_errors() => Verify("""
        static class C
        {
            static void M(PortGroup p)
            {
                p.SipContactLineName = {|CUPI2006:"line/1"|};
                p.SipContactLineName = {|CUPI2006:"Zürich"|};
                p.SipContactLineName = "line_1.a!~*'()&=+$,;?\\%-";
                p.SipContactLineName = "";
            }
        }
        """);

    [Fact]
    public Task Enum_constants_that_are_not_members_are_errors() => Verify("""
        static class C
        {
            static void M(PortGroup p)
            {
                _ = new PortGroup { TelephonyIntegrationMethodEnum = {|CUPI2007:(TelephonyIntegrationMethod)7|} };
                _ = new PortGroup { TelephonyIntegrationMethodEnum = TelephonyIntegrationMethod.Pimg };
                p.SipTransportProtocolEnum = {|CUPI2007:(SipTransportProtocol)9|};
            }
        }
        """);

    [Fact]
    public Task Malformed_object_ids_are_errors() => Verify("""
        static class C
        {
            static void M()
            {
                _ = new PortGroup { MediaSwitchObjectId = {|CUPI2009:"8275234c-6ea4-4a4b-87c1-74abel139441"|} };
                _ = new PortGroup { MediaSwitchObjectId = "5bfd3bae-0c37-4d20-8066-c3065431fc41" };
            }
        }
        """);

    // ------------------------------------------------------------------ pertinence and applicability

    [Fact]
    public Task A_field_made_pointless_by_a_constant_in_the_same_initializer_is_a_warning() => Verify("""
        static class C
        {
            static void M(bool enabled)
            {
                _ = new PortGroup { EnableMWI = false, {|CUPI2008:MwiMaxConcurrentRequests|} = 3 };
                _ = new PortGroup { EnableMWI = true, MwiMaxConcurrentRequests = 3 };
                _ = new PortGroup { EnableMWI = enabled, MwiMaxConcurrentRequests = 3 };
                _ = new PortGroup { MwiMaxConcurrentRequests = 3 };
            }
        }
        """);

    [Fact]
    public Task A_sip_only_field_on_an_sccp_port_group_is_a_warning() => Verify("""
        static class C
        {
            static void M()
            {
                _ = new PortGroup { TelephonyIntegrationMethodEnum = TelephonyIntegrationMethod.Sccp, {|CUPI2010:SipDoDtmfKPML|} = true };
                _ = new PortGroup { TelephonyIntegrationMethodEnum = TelephonyIntegrationMethod.Sip, SipDoDtmfKPML = true };
            }
        }
        """);

    // ------------------------------------------------------------------ no false positives

    [Fact]
    public Task Reads_the_factory_and_unrelated_types_are_not_reported() => Verify("""
        namespace Other
        {
            public sealed class PortGroup
            {
                public string? ObjectId { get; set; }
                public int? MwiMaxConcurrentRequests { get; set; }
            }
        }

        static class C
        {
            static string? M(Cupi.PortGroup p)
            {
                var copy = p.ObjectId;
                var count = p.PortCount + 1;
                _ = count;
                var made = CupiModelFactory.PortGroup(objectId: "5bfd3bae-0c37-4d20-8066-c3065431fc41", portCount: 2, displayName: "x");
                var other = new Other.PortGroup { ObjectId = "x", MwiMaxConcurrentRequests = 300 };
                other.ObjectId = "y";
                System.Func<string?> read = () => p.DisplayName;
                var (a, b) = (p.ObjectId, p.URI);
                var matches = p is { ObjectId: "x", PortCount: > 300 };
                var name = nameof(p.ObjectId) + nameof(PortGroup.DisplayName);
                var anonymous = new { p.ObjectId, p.DisplayName };
                var test = CupiModelFactory.PortGroup(portCount: -1, mwiMaxConcurrentRequests: 300, enableMWI: false, resetStatusEnum: (ResetStatus)77);
                return copy + made.ObjectId + other.ObjectId + read() + a + b + matches + name + anonymous + test;
            }
        }
        """);

    [Fact]
    public void The_generated_sources_are_there() =>
        Assert.Contains(CupiTest.Generated.Value, s => s.Name.EndsWith("Cupi.PortGroup.Endpoints.g.cs", System.StringComparison.Ordinal));

    // ------------------------------------------------------------------ code fixes

    [Fact]
    public Task Fix_removes_a_read_only_assignment_statement() => Verify("""
        static class C
        {
            static void M(PortGroup p)
            {
                {|CUPI2001:p.ObjectId|} = "x";
                p.EnableMWI = true;
            }
        }
        """, """
        static class C
        {
            static void M(PortGroup p)
            {
                p.EnableMWI = true;
            }
        }
        """);

    [Fact]
    public Task Fix_removes_an_initializer_member() => Verify("""
        static class C
        {
            static PortGroup M() => new PortGroup { DisplayName = "a", {|CUPI2001:ObjectId|} = "x" };
        }
        """, """
        static class C
        {
            static PortGroup M() => new PortGroup { DisplayName = "a" };
        }
        """);

    [Fact]
    public Task Fix_uses_the_nearest_bound() => Verify("""
        static class C
        {
            static PortGroup M() => new PortGroup { EnableMWI = true, MwiMaxConcurrentRequests = {|CUPI2003:300|} };
        }
        """, """
        static class C
        {
            static PortGroup M() => new PortGroup { EnableMWI = true, MwiMaxConcurrentRequests = 250 };
        }
        """);

    [Fact]
    public Task Second_fix_for_a_range_removes_the_assignment() => Verify("""
        static class C
        {
            static void M(PortGroup p)
            {
                p.MwiMaxConcurrentRequests = {|CUPI2003:-5|};
            }
        }
        """, """
        static class C
        {
            static void M(PortGroup p)
            {
            }
        }
        """, codeActionIndex: 1);
}
