using System.Linq;
using CupiGen.Tool.Page;

namespace CupiGen.Tool.Tests;

/// <summary>Each comment rule on the forms the pages print.</summary>
public sealed class CommentRuleTests
{
    [Fact]
    public void Describe_removes_html_and_joins_sentence_bullets_with_spaces()
    {
        string comment = "<p>The following options are available:</p> <ul style=\"list-style-type: none\"> • 1 - Skinny Client Control Protocol (SCCP) integration method. • 2 - Session Initiation Protocol (SIP) integration method.";
        Assert.Equal("The following options are available: 1 - Skinny Client Control Protocol (SCCP) integration method. 2 - Session Initiation Protocol (SIP) integration method.",
            CommentRules.Describe(comment));
    }

    [Fact]
    public void Describe_joins_value_bullets_with_semicolons_and_assignments_with_commas()
    {
        Assert.Equal("The values can be: 0: Reset Not Required; 100: Reset Required.",
            CommentRules.Describe("<p>The values can be:</p> <ul> • 0: Reset Not Required • 100: Reset Required"));
        Assert.Equal("The values can be: UDP = 10, TCP = 11. Default value is 10.",
            CommentRules.Describe("<p>The values can be:</p> <ul> • UDP = 10 • TCP = 11 <p>Default value is 10.</p>"));
    }

    [Fact]
    public void Describe_repairs_mangled_dashes_spacing_and_missing_spaces()
    {
        Assert.Equal("Values can be: false: No encryption - RTP; true: Encrypted - SRTP.",
            CommentRules.Describe("Values can be: <ul> • false: No encryption ? RTP • true: Encrypted ? SRTP"));
        Assert.Equal("pertinent only if EnableMWI = TRUE.", CommentRules.Describe("pertinent only if EnableMWI =TRUE."));
        Assert.Equal("Use DTMF RFC 2833, for SIP/PIMG only.", CommentRules.Describe("Use DTMF RFC 2833 , for SIP/PIMG only."));
        Assert.Equal("Values: 0: A; 1: B.", CommentRules.Describe("Values: <ul> • 0:A • 1:B"));
    }

    [Fact]
    public void Range_and_default_are_read_from_the_wording()
    {
        Assert.Equal((0L, 250L), CommentRules.Range("<p>The range can vary from 0 through 250. Default value is 0.</p>"));
        Assert.Null(CommentRules.Range("No range here."));
        Assert.Equal("5", CommentRules.Default("<p>The range can vary from 0 through 100.</p> <p>Default value is 5.</p>"));
        Assert.Equal("false", CommentRules.Default("Default value is false."));
        Assert.Equal("NULL", CommentRules.Default("<p>Default value is NULL.</p>"));
    }

    [Fact]
    public void Members_are_read_from_dash_colon_and_assignment_bullets()
    {
        var dash = CommentRules.Members("• 1 - Skinny Client Control Protocol (SCCP) integration method. • 3 - Intel PBX IP Media Gateway (PIMG) integration method.");
        Assert.Equal(new[] { (1, "Sccp"), (3, "Pimg") }, dash.Select(m => (m.Value, m.Title)).ToArray());
        Assert.Equal("Skinny Client Control Protocol (SCCP) integration method.", dash[0].Description);

        var colon = CommentRules.Members("<ul> • 0: Reset Not Required • 100: Reset Required • 101: Reset In progress");
        Assert.Equal(new[] { "NotRequired", "Required", "InProgress" }, colon.Select(m => m.Title).ToArray());   // the shared "Reset" dropped
        Assert.Equal("Reset In progress.", colon[2].Description);

        var assignment = CommentRules.Members("<ul> • UDP = 10 • TCP = 11 <p>Default value is 10.</p>");
        Assert.Equal(new[] { (10, "Udp", "UDP."), (11, "Tcp", "TCP.") }, assignment.Select(m => (m.Value, m.Title, m.Description)).ToArray());

        Assert.Empty(CommentRules.Members("<ul> • false: Do not authenticate • true: Must authenticate"));
    }

    [Fact]
    public void Allowed_sets_and_lengths_in_words()
    {
        Assert.Equal(new long[] { 10, 20, 30 }, CommentRules.AllowedSet("The value of the PreferredPacket SizeMS will be 10, 20, and 30."));
        Assert.Equal(new long[] { 1, 2 }, CommentRules.AllowedSet("It will be 1 or 2."));
        Assert.Null(CommentRules.AllowedSet("It will be fine."));
        Assert.Equal(48, CommentRules.MaxLength("Used for SCCP Integration. The maximum length can be 48 characters."));
        Assert.Equal(64, CommentRules.MaxLength("Display name of the port group, where maximum characters can be 64."));
        Assert.Equal(64, CommentRules.MaxLength("…, where the maximum character can be 64."));
    }

    [Fact]
    public void Pertinence_by_field_value_or_by_the_referenced_object()
    {
        var byField = CommentRules.Pertinent("<p>… This field is pertinent only if EnableMWI =TRUE. Default value is 0.</p>");
        Assert.Equal(("EnableMWI", "TRUE"), (byField!.Field, byField.EqualsText));
        var byObject = CommentRules.Pertinent("Object Id of the SIP certificate. This field is pertinent only if SIP security profile is 5061/TLS. Applies only to SIP and PIMG port groups.");
        Assert.Null(byObject!.Field);
        Assert.Equal("SIP security profile", byObject.Phrase);
        Assert.Equal("only if SIP security profile is 5061/TLS", byObject.Text);
    }

    [Fact]
    public void Applicability_in_its_three_wordings()
    {
        Assert.Equal(new[] { "SIP", "PIMG" }, CommentRules.AppliesTo("<p>Object Id of the SIP security profile. Applies only to SIP and PIMG port groups.</p>"));
        Assert.Equal(new[] { "SIP", "PIMG" }, CommentRules.AppliesTo("Use DTMF KPML, for SIP/PIMG only. Default value is true."));
        Assert.Equal(new[] { "SCCP" }, CommentRules.AppliesTo("Used for SCCP Integration. The maximum length can be 48 characters."));
        Assert.Empty(CommentRules.AppliesTo("Enable noise reduction settings."));
    }

    [Fact]
    public void Allowed_characters_become_a_pattern_and_a_charset_text()
    {
        var set = CommentRules.Charset("All alphabetical and digit characters are allowed. Among the special characters hyphen, underscore, backslash, and percent sign are allowed where maximum character is 64.");
        Assert.NotNull(set);
        Assert.Equal(@"^[A-Za-z0-9_\\%-]*$", CommentRules.CharsetPattern(set!));
        Assert.Equal(@"ASCII letters and digits, and the special characters - _ \ % (hyphen, underscore, backslash, percent sign).", CommentRules.CharsetText(set!));
        Assert.Matches(CommentRules.CharsetPattern(set!), @"line_1-a\%");
        Assert.DoesNotMatch(CommentRules.CharsetPattern(set!), "a/b");
        Assert.Null(CommentRules.Charset("All alphabetical and digit characters are allowed. Among the special characters snowman are allowed"));
    }

    [Fact]
    public void Object_id_phrases_name_the_referenced_resource()
    {
        Assert.Equal("phone system", CommentRules.ObjectIdPhrase("Object Id of the phone system for which the port group is created."));
        Assert.Equal("SIP certificate", CommentRules.ObjectIdPhrase("<p>Object Id of the SIP certificate. This field …</p>"));
        Assert.Equal("SipSecurityProfile", CommentRules.Pascal(CommentRules.Words("SIP security profile")));
    }
}
