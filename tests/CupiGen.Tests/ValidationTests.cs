// These tests build invalid data on purpose, to see the run-time validators catch what the analyzers catch at build time.
#pragma warning disable CUPI2003, CUPI2004, CUPI2005, CUPI2006, CUPI2007, CUPI2008, CUPI2009, CUPI2010

using System;
using System.Collections.Generic;
using System.Linq;
using Cupi;
using CupiGen.Tests.Infrastructure;

namespace CupiGen.Tests;

/// <summary>The generated validators: every rule at and beyond its bounds, per operation, and the document's examples.</summary>
public class ValidationTests
{
    private const string SccpTemplate = "90dd306f-b8af-46b6-8289-f13437cc1e5e";
    private const string SipTemplate = "04e0e286-56ed-4f27-a325-756a49dd98e1";
    private const string Switch = "5bfd3bae-0c37-4d20-8066-c3065431fc41";

    private static PortGroup ValidSccpCreate() => new()
    {
        DisplayName = "PhoneSystem-6",
        MediaSwitchObjectId = Switch,
        MediaPortGroupTemplateObjectId = SccpTemplate,
        TelephonyIntegrationMethodEnum = TelephonyIntegrationMethod.Sccp,
        SkinnyDevicePrefix = "Test1-VI",
        HostOrIPAddress = "10.10.10.10",
    };

    private static CupiValidationProblem Single(CupiValidationResult result, string field)
    {
        var problems = result.Problems.Where(p => p.Field == field).ToList();
        Assert.True(problems.Count == 1, $"{field}: expected one problem, got: {result}");
        return problems[0];
    }

    [Fact]
    public void The_document_create_request_is_valid()
    {
        var result = ValidSccpCreate().Validate(CupiOperation.Create);
        Assert.Empty(result.Problems);
        Assert.True(result.IsValid);
        Assert.Equal("valid", result.ToString());
    }

    [Fact]
    public void Models_implement_the_validator_interface()
    {
        ICupiValidatable model = new PortGroupCodec();
        Assert.NotNull(model.Validate(CupiOperation.Read));
    }

    // ------------------------------------------------------------------ required, read-only, create-only

    [Fact]
    public void Create_reports_every_missing_required_field()
    {
        var result = new PortGroup { DisplayName = "" }.Validate(CupiOperation.Create);
        var missing = result.Problems.Where(p => p.Rule == CupiRule.Required).Select(p => p.Field).ToArray();
        Assert.Equal(["DisplayName", "MediaSwitchObjectId", "MediaPortGroupTemplateObjectId", "TelephonyIntegrationMethodEnum", "HostOrIPAddress"], missing);
        Assert.All(result.Problems, p => Assert.Equal(CupiSeverity.Error, p.Severity));
        Assert.Equal("DisplayName: is required in a create request", result.Problems[0].Message);
        Assert.Throws<CupiValidationException>(() => result.ThrowIfInvalid("PortGroup create request"));
    }

    [Fact]
    public void Read_only_fields_in_a_create_are_warnings_that_they_will_not_be_sent()
    {
        var group = CupiModelFactory.PortGroup(
            displayName: "PhoneSystem-6", mediaSwitchObjectId: Switch, mediaPortGroupTemplateObjectId: SccpTemplate,
            telephonyIntegrationMethodEnum: TelephonyIntegrationMethod.Sccp, hostOrIPAddress: "10.10.10.10", portCount: 2);
        var result = group.Validate(CupiOperation.Create);
        var problem = Single(result, "PortCount");
        Assert.Equal((CupiRule.ReadOnly, CupiSeverity.Warning), (problem.Rule, problem.Severity));
        Assert.True(result.IsValid);
        Assert.DoesNotContain("PortCount", group.ToJson(CupiWriteMode.Create), StringComparison.Ordinal);
    }

    [Fact]
    public void Update_accepts_changed_read_write_fields_only()
    {
        var group = PortGroup.FromXml(Fixtures.Text(3));
        Assert.Empty(group.Validate(CupiOperation.Update).Problems); // nothing changed: nothing to check

        group.EnableMWI = true;
        group.MwiMaxConcurrentRequests = 3;
        Assert.Empty(group.Validate(CupiOperation.Update).Problems);

#pragma warning disable CUPI2001, CUPI2002 // exactly what the validator must catch at run time
        group.DisplayName = "renamed";
        group.ObjectId = "b0d5e4a0-0000-4000-8000-000000000000";
#pragma warning restore CUPI2001, CUPI2002
        var result = group.Validate(CupiOperation.Update);
        Assert.Equal((CupiRule.CreateOnly, CupiSeverity.Error), (Single(result, "DisplayName").Rule, Single(result, "DisplayName").Severity));
        Assert.Equal((CupiRule.ReadOnly, CupiSeverity.Error), (Single(result, "ObjectId").Rule, Single(result, "ObjectId").Severity));
        Assert.False(result.IsValid);

        group.AcceptChanges();
        Assert.Empty(group.Validate(CupiOperation.Update).Problems);
    }

    [Fact]
    public void Update_checks_only_the_values_of_changed_fields()
    {
        var group = CupiModelFactory.PortGroup(mwiMaxConcurrentRequests: 999, enableMWI: true); // as a server might send it
        Assert.Empty(group.Validate(CupiOperation.Update).Problems);
        Assert.Equal(CupiSeverity.Warning, Single(group.Validate(CupiOperation.Read), "MwiMaxConcurrentRequests").Severity);

        group.MwiRetryCountOnSuccess = 11;
        var result = group.Validate(CupiOperation.Update);
        Assert.Equal("MwiRetryCountOnSuccess", Assert.Single(result.Problems).Field);
    }

    // ------------------------------------------------------------------ ranges

    public static TheoryData<string, long, long> Ranges() => new()
    {
        { "MwiMaxConcurrentRequests", 0, 250 },
        { "MwiRetryCountOnSuccess", 0, 10 },
        { "MwiRetryIntervalOnSuccessMs", 0, 100 },
        { "MwiMinRequestIntervalMs", 0, 5000 },
        { "DelayBeforeOpeningMs", 0, 3000 },
        { "OutgoingPreDialDelayMs", 0, 3000 },
        { "OutgoingPostDialDelayMs", 0, 3000 },
        { "OutgoingGuardTimeMs", 0, 10000 },
        { "DtmfDialInterDigitDelayMs", 0, 500 },
        { "RecordingDTMFClipMs", 0, 300 },
        { "RecordingToneExtraClipMs", 0, 5000 },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void Ranges_accept_their_bounds_and_reject_beyond(string field, long min, long max)
    {
        foreach (var operation in new[] { CupiOperation.Create, CupiOperation.Update, CupiOperation.Read })
        {
            foreach (var value in new[] { min, max, min - 1, max + 1 })
            {
                var group = new PortGroup { EnableMWI = true };
                group.SetAdditionalField("x", null);
                var json = "{\"EnableMWI\":\"true\",\"" + field + "\":\"" + value + "\"}";
                var parsed = PortGroup.FromJson(json);
                if (operation != CupiOperation.Read)
                {
                    parsed = PortGroup.FromJson(json);
                    SetChanged(parsed, field, (int)value);
                }

                var problems = parsed.Validate(operation).Problems.Where(p => p.Field == field).ToList();
                if (value >= min && value <= max)
                {
                    Assert.Empty(problems);
                }
                else
                {
                    var problem = Assert.Single(problems);
                    Assert.Equal(CupiRule.Range, problem.Rule);
                    Assert.Equal(operation == CupiOperation.Read ? CupiSeverity.Warning : CupiSeverity.Error, problem.Severity);
                    Assert.Equal($"{min}..{max}", problem.Limit);
                    Assert.Equal($"{field}: {value} is outside {min}..{max}", problem.Message);
                    Assert.Equal(value.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.Value);
                }
            }
        }
    }

    // Sets an integer field through its property so that it counts as changed (what an update considers).
    private static void SetChanged(PortGroup group, string field, int value)
    {
        switch (field)
        {
            case "MwiMaxConcurrentRequests": group.MwiMaxConcurrentRequests = value; break;
            case "MwiRetryCountOnSuccess": group.MwiRetryCountOnSuccess = value; break;
            case "MwiRetryIntervalOnSuccessMs": group.MwiRetryIntervalOnSuccessMs = value; break;
            case "MwiMinRequestIntervalMs": group.MwiMinRequestIntervalMs = value; break;
            case "DelayBeforeOpeningMs": group.DelayBeforeOpeningMs = value; break;
            case "OutgoingPreDialDelayMs": group.OutgoingPreDialDelayMs = value; break;
            case "OutgoingPostDialDelayMs": group.OutgoingPostDialDelayMs = value; break;
            case "OutgoingGuardTimeMs": group.OutgoingGuardTimeMs = value; break;
            case "DtmfDialInterDigitDelayMs": group.DtmfDialInterDigitDelayMs = value; break;
            case "RecordingDTMFClipMs": group.RecordingDTMFClipMs = value; break;
            case "RecordingToneExtraClipMs": group.RecordingToneExtraClipMs = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, null);
        }
    }

    // ------------------------------------------------------------------ lengths, pattern, object ids, secrets

    [Theory]
    [InlineData(64, false)]
    [InlineData(65, true)]
    public void Display_name_length(int length, bool reported)
    {
        var group = ValidSccpCreate();
        var name = new string('a', length);
        var created = CupiModelFactory.PortGroup(displayName: name);
        var result = created.Validate(CupiOperation.Read);
        Assert.Equal(reported, result.Problems.Any(p => p.Field == "DisplayName" && p.Rule == CupiRule.Length));
        if (reported)
        {
            Assert.Equal("at most 64 characters", Single(result, "DisplayName").Limit);
        }

        _ = group;
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("line", true)]
    [InlineData("A-z_0.9!~*'()&=+$,;?\\%", true)]
    [InlineData("line/1", false)]
    [InlineData("lïne", false)]
    [InlineData("two words", false)]
    [InlineData("line\n", false)]
    public void Sip_contact_line_name_takes_the_documented_characters(string value, bool valid)
    {
        var group = new PortGroup { SipContactLineName = value };
        var result = group.Validate(CupiOperation.Update);
        Assert.Equal(valid, !result.Problems.Any(p => p.Rule == CupiRule.Pattern));
        if (!valid)
        {
            Assert.Equal(CupiSeverity.Error, Single(result, "SipContactLineName").Severity);
        }
    }

    [Fact]
    public void Sip_contact_line_name_length_at_and_beyond_64()
    {
        Assert.Empty(new PortGroup { SipContactLineName = new string('x', 64) }.Validate(CupiOperation.Update).Problems);
        Assert.Equal(CupiRule.Length, Single(new PortGroup { SipContactLineName = new string('x', 65) }.Validate(CupiOperation.Update), "SipContactLineName").Rule);
    }

    [Theory]
    [InlineData("5bfd3bae-0c37-4d20-8066-c3065431fc41", true)]
    [InlineData("5BFD3BAE-0C37-4D20-8066-C3065431FC41", true)]
    [InlineData("", true)]
    [InlineData("5bfd3bae0c374d208066c3065431fc41", false)]
    [InlineData("{5bfd3bae-0c37-4d20-8066-c3065431fc4}", false)]
    [InlineData("5bfd3bae-0c37-4d20-8066-c3065431fc4g", false)]
    [InlineData("5bfd3bae-0c37-4d20-8066-c3065431fc411", false)]
    public void Object_ids_are_36_character_guids(string value, bool valid)
    {
        var result = CupiModelFactory.PortGroup(mediaSwitchObjectId: value).Validate(CupiOperation.Read);
        Assert.Equal(valid, !result.Problems.Any(p => p.Rule == CupiRule.Format));
    }

    [Fact]
    public void Secrets_never_appear_in_problems()
    {
        var secret = "S3cr3t-" + new string('p', 300);
        var group = new PortGroup { SipAuthenticatePassword = secret };
        var result = group.Validate(CupiOperation.Update);
        var problem = Single(result, "SipAuthenticatePassword");
        Assert.Equal(CupiRule.Length, problem.Rule);
        Assert.Null(problem.Value);
        Assert.DoesNotContain("S3cr3t", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("S3cr3t", result.ToString(), StringComparison.Ordinal);
        var exception = Assert.Throws<CupiValidationException>(() => result.ThrowIfInvalid("update"));
        Assert.DoesNotContain("S3cr3t", exception.Message, StringComparison.Ordinal);
        Assert.Empty(new PortGroup { SipAuthenticatePassword = new string('p', 256) }.Validate(CupiOperation.Update).Problems);
    }

    // ------------------------------------------------------------------ enums and allowed sets

    [Fact]
    public void Enum_values_that_are_not_members_are_errors_on_requests_and_warnings_on_read()
    {
        var group = CupiModelFactory.PortGroup(sipTransportProtocolEnum: (SipTransportProtocol)7);
        Assert.Equal((CupiRule.Enum, CupiSeverity.Warning), (Single(group.Validate(CupiOperation.Read), "SipTransportProtocolEnum").Rule, Single(group.Validate(CupiOperation.Read), "SipTransportProtocolEnum").Severity));
        var request = new PortGroup { SipTransportProtocolEnum = (SipTransportProtocol)7 };
        Assert.Equal(CupiSeverity.Error, Single(request.Validate(CupiOperation.Update), "SipTransportProtocolEnum").Severity);
        Assert.Empty(new PortGroup { SipTransportProtocolEnum = SipTransportProtocol.Tcp }.Validate(CupiOperation.Update).Problems);
    }

    [Theory]
    [InlineData(10, true)]
    [InlineData(20, true)]
    [InlineData(30, true)]
    [InlineData(15, false)]
    [InlineData(0, false)]
    [InlineData(40, false)]
    public void Preferred_packet_size_is_10_20_or_30(int value, bool valid)
    {
        var codec = new PortGroupCodec
        {
            MediaPortGroupObjectId = Switch,
            RtpCodecDefObjectId = SccpTemplate,
            PreferredPacketSizeMs = value,
        };
        var result = codec.Validate(CupiOperation.Create);
        Assert.Equal(valid, result.IsValid);
        if (!valid)
        {
            var problem = Single(result, "PreferredPacketSizeMs");
            Assert.Equal((CupiRule.AllowedValues, "10, 20, 30"), (problem.Rule, problem.Limit));
            Assert.Equal($"PreferredPacketSizeMs: {value} is not one of 10, 20, 30", problem.Message);
        }
    }

    // ------------------------------------------------------------------ pertinence, applicability, consistency

    [Fact]
    public void Mwi_settings_while_mwi_is_disabled_are_warnings()
    {
        var group = new PortGroup { EnableMWI = false, MwiMaxConcurrentRequests = 3, MwiRetryCountOnSuccess = 1 };
        var result = group.Validate(CupiOperation.Update);
        Assert.Equal(["MwiRetryCountOnSuccess", "MwiMaxConcurrentRequests"], result.Problems.Select(p => p.Field)); // wire order
        Assert.All(result.Problems, p => Assert.Equal((CupiRule.Pertinence, CupiSeverity.Warning), (p.Rule, p.Severity)));
        Assert.True(result.IsValid);
        Assert.Empty(new PortGroup { EnableMWI = true, MwiMaxConcurrentRequests = 3 }.Validate(CupiOperation.Update).Problems);
        Assert.Empty(new PortGroup { MwiMaxConcurrentRequests = 3 }.Validate(CupiOperation.Update).Problems); // EnableMWI unknown
    }

    [Fact]
    public void Tls_settings_need_a_5061_profile_where_the_profile_is_known()
    {
        const string Tcp = "11111111-1111-1111-1111-111111111111", Tls = "22222222-2222-2222-2222-222222222222";
        var context = new CupiValidationContext()
            .Add(Tcp, CupiModelFactory.SipSecurityProfile(objectId: Tcp, port: 5060))
            .Add(Tls, CupiModelFactory.SipSecurityProfile(objectId: Tls, port: 5061));
        var onTcp = new PortGroup { MediaSipSecurityProfileObjectId = Tcp, SipTLSModeEnum = SipTlsMode.Encrypted };
        Assert.Equal(CupiRule.Pertinence, Single(onTcp.Validate(CupiOperation.Update, context), "SipTLSModeEnum").Rule);
        Assert.Empty(onTcp.Validate(CupiOperation.Update).Problems); // no context: not judged
        var onTls = new PortGroup { MediaSipSecurityProfileObjectId = Tls, SipTLSModeEnum = SipTlsMode.Encrypted };
        Assert.Empty(onTls.Validate(CupiOperation.Update, context).Problems);
    }

    [Fact]
    public void Sip_only_fields_on_an_sccp_port_group_are_warnings()
    {
        var group = ValidSccpCreate();
        group.SipDoDtmfKPML = true;
        var problem = Single(group.Validate(CupiOperation.Create), "SipDoDtmfKPML");
        Assert.Equal((CupiRule.AppliesTo, CupiSeverity.Warning), (problem.Rule, problem.Severity));

        var sccpOnSip = CupiModelFactory.PortGroup(telephonyIntegrationMethodEnum: TelephonyIntegrationMethod.Sip, skinnyDevicePrefix: "x");
        Assert.Equal(CupiRule.AppliesTo, Single(sccpOnSip.Validate(CupiOperation.Read), "SkinnyDevicePrefix").Rule);
    }

    [Fact]
    public void The_template_must_be_for_the_same_integration_method_where_both_are_known()
    {
        var templates = PortGroupTemplate.ListFromXml(Fixtures.Text(5));
        var context = new CupiValidationContext().AddRange(templates, t => t.ObjectId);
        Assert.Empty(ValidSccpCreate().Validate(CupiOperation.Create, context).Problems);

        var wrong = new PortGroup
        {
            DisplayName = "PhoneSystem-6",
            MediaSwitchObjectId = Switch,
            MediaPortGroupTemplateObjectId = SipTemplate,
            TelephonyIntegrationMethodEnum = TelephonyIntegrationMethod.Sccp,
            HostOrIPAddress = "10.10.10.10",
        };
        var problem = Single(wrong.Validate(CupiOperation.Create, context), "MediaPortGroupTemplateObjectId");
        Assert.Equal((CupiRule.Consistency, CupiSeverity.Error), (problem.Rule, problem.Severity));
        Assert.Contains("TelephonyIntegrationMethodEnum is 1", problem.Message, StringComparison.Ordinal);
        Assert.Empty(wrong.Validate(CupiOperation.Create).Problems); // without the templates it cannot be judged
    }

    // ------------------------------------------------------------------ the document's examples

    // The broken ids DECISIONS (10, 19) and CORRECTIONS keep as printed: the only problems in the examples.
    private static readonly Dictionary<string, string[]> ExpectedWarnings = new(StringComparer.Ordinal)
    {
        ["03-get-portgroup.xml"] = ["MediaSipSecurityProfileObjectId:Length", "MediaSipSecurityProfileObjectId:Format"],
        ["08-create-sccp-portgroup-request.xml"] = ["MediaPortGroupTemplateObjectId:Format"],
        ["22-update-sip-security-profile-request.xml"] = ["MediaCertificateObjectId:Format"],
    };

    public static TheoryData<string> PortGroupExamples()
    {
        var data = new TheoryData<string>();
        foreach (var fixture in Fixtures.All.Values.Where(f => f.Resource == "PortGroup").OrderBy(f => f.File, StringComparer.Ordinal))
        {
            data.Add(fixture.File);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PortGroupExamples))]
    public void Document_examples_validate_as_read_with_only_the_known_broken_ids(string file)
    {
        var fixture = Fixtures.All.Values.Single(f => f.File == file);
        var text = Fixtures.Read(file);
        IEnumerable<PortGroup> groups = (fixture.IsXml, fixture.IsList) switch
        {
            (true, true) => PortGroup.ListFromXml(text),
            (true, false) => [PortGroup.FromXml(text)],
            (false, true) => PortGroup.ListFromJson(text),
            _ => [PortGroup.FromJson(text)],
        };

        var problems = groups.SelectMany(g => g.Validate(CupiOperation.Read).Problems).ToList();
        Assert.All(problems, p => Assert.Equal(CupiSeverity.Warning, p.Severity));
        var expected = ExpectedWarnings.TryGetValue(file, out var found) ? found : [];
        Assert.Equal(expected, problems.Select(p => $"{p.Field}:{p.Rule}"));
    }
}
