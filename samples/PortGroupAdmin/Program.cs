// PortGroupAdmin: what the generated Port Groups API looks like in use.
// Until the CUPI emulator lands this runs offline: it builds the document's create requests, reads the
// document's list responses, and shows how malformed payloads are reported. Exit code 0 means every step
// behaved as documented.
using System;
using System.Collections.Generic;
using Cupi;
using CupiGen;

var steps = new List<(string Step, bool Ok, string Detail)>();

void Check(string step, bool ok, string detail) => steps.Add((step, ok, detail));

// 1. Create requests for the three integration methods, as the document's examples send them.
var sccp = new PortGroup
{
    DisplayName = "PhoneSystem-6",
    MediaSwitchObjectId = "5bfd3bae-0c37-4d20-8066-c3065431fc41",
    MediaPortGroupTemplateObjectId = "90dd306f-b8af-46b6-8289-f13437cc1e5e",
    TelephonyIntegrationMethodEnum = TelephonyIntegrationMethod.Sccp,
    SkinnyDevicePrefix = "Test1-VI",
    HostOrIPAddress = "10.10.10.10",
};
var sccpJson = sccp.ToJson();
Check("SCCP create request as JSON", sccpJson.Contains("\"TelephonyIntegrationMethodEnum\":\"1\"", StringComparison.Ordinal), sccpJson);

var sip = new PortGroup
{
    DisplayName = "PhoneSystem-7",
    MediaSwitchObjectId = "8a009b99-22cf-4305-822d-f5e449a42263",
    MediaPortGroupTemplateObjectId = "04e0e286-56ed-4f27-a325-756a49dd98e1",
    TelephonyIntegrationMethodEnum = TelephonyIntegrationMethod.Sip,
    HostOrIPAddress = "10.10.10.10",
    EnableMWI = true,
    MwiMaxConcurrentRequests = 3,
    SipAuthenticateAsUser = "SIPUser",
    SipAuthenticatePassword = "not-for-logs",
};
var sipXml = sip.ToXml();
Check("SIP create request as XML", sipXml.StartsWith("<PortGroup>", StringComparison.Ordinal) && sipXml.Contains("<EnableMWI>true</EnableMWI>", StringComparison.Ordinal), sipXml.Length + " characters");
Check("ToString masks the SIP password", !sip.ToString().Contains("not-for-logs", StringComparison.Ordinal), sip.ToString());

var pimg = new PortGroup
{
    DisplayName = "PIMG-2",
    MediaSwitchObjectId = "0d15753c-e1b4-4865-b00b-999a1ccf56ce",
    MediaPortGroupTemplateObjectId = "8fc4952c-aa4f-4b96-a4b3-dbe26e49d899",
    TelephonyIntegrationMethodEnum = TelephonyIntegrationMethod.Pimg,
    HostOrIPAddress = "10.78.171.157",
};
var pimgBack = PortGroup.FromXml(pimg.ToXml());
Check("PIMG request round-trips through XML", pimgBack.TelephonyIntegrationMethodEnum == TelephonyIntegrationMethod.Pimg && pimgBack.HostOrIPAddress == "10.78.171.157", pimgBack.ToString());

// 2. A list response in CUPI's JSON dialect: strings for every scalar, and a list of one as a bare object.
const string listJson = """
{
  "@total": "1",
  "PortGroup": {
    "ObjectId": "74a008c0-bdc6-4e4b-a304-8a220a081990",
    "DisplayName": "demo_PhoneSystem_1-1",
    "TelephonyIntegrationMethodEnum": "2",
    "EnableMWI": "true",
    "PortCount": "2",
    "SipContactLineName": "",
    "ResetStatusEnum": "0",
    "SomethingNewerThanTheSchema": "kept"
  }
}
""";
var groups = PortGroup.ListFromJson(listJson);
var first = groups[0];
Check("JSON list of one read", groups.Count == 1 && groups.Total == 1 && first.PortCount == 2, first.ToString());
Check("empty SipContactLineName is present", first.IsPresent("SipContactLineName") && first.SipContactLineName == string.Empty, "\"\" is not absent");
Check("unknown field kept", first.AdditionalFields.TryGetValue("SomethingNewerThanTheSchema", out var kept) && kept == "kept", "written back on ToJson()");

// 3. An XML list with values padded by the server's indentation.
const string templatesXml = """
<PortGroupTemplates total="3">
  <PortGroupTemplate>
    <ObjectId>
      90dd306f-b8af-46b6-8289-f13437cc1e5e
    </ObjectId>
    <CopyTelephonyIntegrationMethodEnum>1</CopyTelephonyIntegrationMethodEnum>
    <TemplateDescriptionDefault>SCCP</TemplateDescriptionDefault>
  </PortGroupTemplate>
</PortGroupTemplates>
""";
var templates = PortGroupTemplate.ListFromXml(templatesXml);
Check("XML list read, padding trimmed", templates.Total == 3 && templates[0].ObjectId == "90dd306f-b8af-46b6-8289-f13437cc1e5e", templates[0].ToString());

// 4. The document's own typo, <EnableMWI>>true</EnableMWI>, is reported with the field and position.
try
{
    PortGroup.FromXml("<PortGroup>\n  <EnableMWI>>true</EnableMWI>\n</PortGroup>");
    Check("malformed value rejected", false, "no exception");
}
catch (CupiFormatException ex)
{
    Check("malformed value rejected", ex.Field == "EnableMWI" && ex.Line == 2, ex.Message);
}

var width = 0;
foreach (var (step, _, _) in steps)
{
    width = Math.Max(width, step.Length);
}

Console.WriteLine("CupiGen PortGroupAdmin (offline: the generated models and serializers)");
Console.WriteLine();
foreach (var (step, ok, detail) in steps)
{
    var shown = detail.Length > 90 ? detail[..87] + "..." : detail;
    Console.WriteLine($"  {(ok ? "ok  " : "FAIL")}  {step.PadRight(width)}  {shown}");
}

var failed = steps.FindAll(s => !s.Ok).Count;
Console.WriteLine();
Console.WriteLine($"{steps.Count - failed} of {steps.Count} steps behaved as documented.");
return failed == 0 ? 0 : 1;
