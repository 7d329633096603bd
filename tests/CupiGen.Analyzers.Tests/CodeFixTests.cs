using System.Threading.Tasks;
using CupiGen.CodeFixes;

namespace CupiGen.Analyzers.Tests;

/// <summary>
/// The code fixes in every position they are offered. Each test also runs Fix All (document, project and solution
/// scope) with the same fixed code, unless it says otherwise.
/// </summary>
public class CodeFixTests
{
    private const string Usings = "using Cupi;\nusing CupiGen;\n";

    private static Task Fix(string body, string fixedBody, string equivalenceKey = CupiUsageCodeFixProvider.RemoveKey) =>
        new CupiTest(Usings + body, Usings + fixedBody) { CodeActionEquivalenceKey = equivalenceKey }.RunAsync();

    // ------------------------------------------------------------------ remove: statements

    [Fact]
    public Task Remove_fixes_every_kind_of_write_statement() => Fix("""
        static class C
        {
            static void M(PortGroup p)
            {
                p.EnableMWI = true;
                {|CUPI2001:p.PortCount|} += 1;
                {|CUPI2001:p.PortCount|}++;
                --{|CUPI2001:p.PortCount|};
                {|CUPI2001:p.URI|} ??= "u";
                {|CUPI2002:p.DisplayName|} = "renamed";
                p.MwiMaxConcurrentRequests = {|CUPI2003:-5|};
                p.EnableAGC = true;
            }
        }
        """, """
        static class C
        {
            static void M(PortGroup p)
            {
                p.EnableMWI = true;
                p.EnableAGC = true;
            }
        }
        """);

    [Fact]
    public Task Remove_of_the_body_of_an_if_leaves_an_empty_block() => Fix("""
        static class C
        {
            static void M(PortGroup p, bool reset)
            {
                if (reset) {|CUPI2001:p.ResetStatusEnum|} = ResetStatus.NotRequired;
                else {|CUPI2001:p.PortCount|}--;
            }
        }
        """, """
        static class C
        {
            static void M(PortGroup p, bool reset)
            {
                if (reset) { }
                else { }
            }
        }
        """);

    [Fact]
    public Task Remove_of_a_top_level_statement_removes_the_statement() => new CupiTest(Usings + """
        var p = new PortGroup();
        {|CUPI2001:p.ObjectId|} = "x";
        System.Console.WriteLine(p);

        """, Usings + """
        var p = new PortGroup();
        System.Console.WriteLine(p);

        """)
    {
        TestState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
        CodeActionEquivalenceKey = CupiUsageCodeFixProvider.RemoveKey,
    }.RunAsync();

    // ------------------------------------------------------------------ remove: object-initializer members

    [Fact]
    public Task Remove_of_an_initializer_member_on_one_line_first_middle_last_and_only() => Fix("""
        static class C
        {
            static object[] M() =>
            [
                new PortGroup { {|CUPI2001:ObjectId|} = "x", DisplayName = "first" },
                new PortGroup { DisplayName = "middle", {|CUPI2001:ObjectId|} = "x", EnableMWI = true },
                new PortGroup { DisplayName = "last", {|CUPI2001:ObjectId|} = "x" },
                new PortGroup { {|CUPI2001:ObjectId|} = "only" },
                new PortGroup { DisplayName = "trailing comma", {|CUPI2001:ObjectId|} = "x", },
            ];
        }
        """, """
        static class C
        {
            static object[] M() =>
            [
                new PortGroup { DisplayName = "first" },
                new PortGroup { DisplayName = "middle", EnableMWI = true },
                new PortGroup { DisplayName = "last" },
                new PortGroup { },
                new PortGroup { DisplayName = "trailing comma", },
            ];
        }
        """);

    [Fact]
    public Task Remove_of_an_initializer_member_one_per_line_with_trailing_commas() => Fix("""
        static class C
        {
            static object[] M() =>
            [
                new PortGroup
                {
                    {|CUPI2001:ObjectId|} = "x",
                    DisplayName = "first",
                },
                new PortGroup
                {
                    DisplayName = "last with comma",
                    {|CUPI2001:ObjectId|} = "x",
                },
                new PortGroup
                {
                    DisplayName = "last without comma",
                    {|CUPI2001:ObjectId|} = "x"
                },
                new PortGroup
                {
                    {|CUPI2001:ObjectId|} = "only",
                },
            ];
        }
        """, """
        static class C
        {
            static object[] M() =>
            [
                new PortGroup
                {
                    DisplayName = "first",
                },
                new PortGroup
                {
                    DisplayName = "last with comma",
                },
                new PortGroup
                {
                    DisplayName = "last without comma"
                },
                new PortGroup
                {
                },
            ];
        }
        """);

    [Fact]
    public Task Remove_of_an_initializer_member_with_leading_commas() => Fix("""
        static class C
        {
            static object[] M() =>
            [
                new PortGroup
                {
                    {|CUPI2001:ObjectId|} = "x"
                    , DisplayName = "first"
                },
                new PortGroup
                {
                    DisplayName = "middle"
                    , {|CUPI2001:ObjectId|} = "x"
                    , EnableMWI = true
                },
                new PortGroup
                {
                    DisplayName = "last"
                    , {|CUPI2001:ObjectId|} = "x"
                },
            ];
        }
        """, """
        static class C
        {
            static object[] M() =>
            [
                new PortGroup
                {
                    DisplayName = "first"
                },
                new PortGroup
                {
                    DisplayName = "middle"
                    , EnableMWI = true
                },
                new PortGroup
                {
                    DisplayName = "last"
                },
            ];
        }
        """);

    [Fact]
    public Task Fix_all_removes_several_members_of_one_initializer() => Fix("""
        static class C
        {
            static PortGroup M() => new PortGroup { {|CUPI2001:ObjectId|} = "x", DisplayName = "a", {|CUPI2001:URI|} = "u", {|CUPI2001:PortCount|} = 2 };
        }
        """, """
        static class C
        {
            static PortGroup M() => new PortGroup { DisplayName = "a" };
        }
        """);

    [Fact]
    public Task Remove_fixes_the_constant_and_pertinence_diagnostics_in_an_initializer() => Fix("""
        static class C
        {
            static object[] M() =>
            [
                new PortGroup { DisplayName = {|CUPI2004:"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"|}, EnableMWI = true },
                new PortGroupCodec { PreferredPacketSizeMs = {|CUPI2005:15|} },
                new PortGroup { EnableMWI = true, SipContactLineName = {|CUPI2006:"line/1"|} },
                new PortGroup { EnableMWI = true, TelephonyIntegrationMethodEnum = {|CUPI2007:(TelephonyIntegrationMethod)7|} },
                new PortGroup { EnableMWI = false, {|CUPI2008:MwiMaxConcurrentRequests|} = 3 },
                new PortGroup { EnableMWI = true, MediaSwitchObjectId = {|CUPI2009:"nope"|} },
                new PortGroup { TelephonyIntegrationMethodEnum = TelephonyIntegrationMethod.Sccp, {|CUPI2010:SipDoDtmfKPML|} = true },
            ];
        }
        """, """
        static class C
        {
            static object[] M() =>
            [
                new PortGroup { EnableMWI = true },
                new PortGroupCodec { },
                new PortGroup { EnableMWI = true },
                new PortGroup { EnableMWI = true },
                new PortGroup { EnableMWI = false },
                new PortGroup { EnableMWI = true },
                new PortGroup { TelephonyIntegrationMethodEnum = TelephonyIntegrationMethod.Sccp },
            ];
        }
        """);

    // ------------------------------------------------------------------ no remove where it would change other code

    [Fact]
    public Task No_fix_for_a_write_that_is_part_of_a_larger_expression()
    {
        // The fixed code is the test code: the test fails if any code action changes it.
        const string Source = Usings + """
            static class C
            {
                static string? M(PortGroup p)
                {
                    ({|CUPI2001:p.ObjectId|}, var n) = ("x", 1);
                    var copy = {|CUPI2001:p.URI|} = "u";
                    System.Action set = () => {|CUPI2001:p.PortCount|}++;
                    return copy + n + set;
                }

                static void N(PortGroup p) => {|CUPI2001:p.ObjectId|} = "x";
            }
            """;
        return new CupiTest(Source, Source).RunAsync();
    }

    // ------------------------------------------------------------------ nearest allowed value

    [Fact]
    public Task Nearest_bound_below_the_minimum_and_above_the_maximum() => Fix("""
        static class C
        {
            static void M(PortGroup p)
            {
                p.MwiMaxConcurrentRequests = {|CUPI2003:-1|};
                p.OutgoingGuardTimeMs = {|CUPI2003:10001|};
                _ = new PortGroup { EnableMWI = true, MwiMaxConcurrentRequests = {|CUPI2003:(int?)300|} };
            }
        }
        """, """
        static class C
        {
            static void M(PortGroup p)
            {
                p.MwiMaxConcurrentRequests = 0;
                p.OutgoingGuardTimeMs = 10000;
                _ = new PortGroup { EnableMWI = true, MwiMaxConcurrentRequests = 250 };
            }
        }
        """, CupiUsageCodeFixProvider.NearestKey);

    [Fact]
    public Task Nearest_allowed_value_of_a_set() => Fix("""
        static class C
        {
            static object[] M() =>
            [
                new PortGroupCodec { PreferredPacketSizeMs = {|CUPI2005:28|} },
                new PortGroupCodec { PreferredPacketSizeMs = {|CUPI2005:100|} },
                new PortGroupCodec { PreferredPacketSizeMs = {|CUPI2005:0|} },
            ];
        }
        """, """
        static class C
        {
            static object[] M() =>
            [
                new PortGroupCodec { PreferredPacketSizeMs = 30 },
                new PortGroupCodec { PreferredPacketSizeMs = 30 },
                new PortGroupCodec { PreferredPacketSizeMs = 10 },
            ];
        }
        """, CupiUsageCodeFixProvider.NearestKey);

    [Fact]
    public Task Halfway_between_two_allowed_values_offers_the_lower() => Fix("""
        static class C
        {
            static PortGroupCodec M() => new PortGroupCodec { PreferredPacketSizeMs = {|CUPI2005:15|} };
        }
        """, """
        static class C
        {
            static PortGroupCodec M() => new PortGroupCodec { PreferredPacketSizeMs = 10 };
        }
        """, CupiUsageCodeFixProvider.NearestKey);

    [Fact]
    public Task Halfway_between_two_allowed_values_offers_the_higher_too() => Fix("""
        static class C
        {
            static PortGroupCodec M() => new PortGroupCodec { PreferredPacketSizeMs = {|CUPI2005:15|} };
        }
        """, """
        static class C
        {
            static PortGroupCodec M() => new PortGroupCodec { PreferredPacketSizeMs = 20 };
        }
        """, CupiUsageCodeFixProvider.NearestHigherKey);

    [Fact]
    public Task The_nearest_value_fixes_come_first_and_remove_last() => new CupiTest(Usings + """
        static class C
        {
            static PortGroupCodec M() => new PortGroupCodec { PreferredPacketSizeMs = {|CUPI2005:25|}, RtpCodecDefObjectId = "" };
        }
        """, Usings + """
        static class C
        {
            static PortGroupCodec M() => new PortGroupCodec { RtpCodecDefObjectId = "" };
        }
        """)
    {
        CodeActionIndex = 2,
        CodeActionEquivalenceKey = CupiUsageCodeFixProvider.RemoveKey,
        CodeActionVerifier = (action, verifier) => verifier.Equal("Remove the assignment", action.Title),
    }.RunAsync();
}
