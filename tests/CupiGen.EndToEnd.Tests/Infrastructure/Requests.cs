using System.Collections.Generic;
using System.Reflection;
using Cupi;
using Xunit.Sdk;

namespace CupiGen.EndToEnd.Tests.Infrastructure;

/// <summary>The emulator's seed data (tools/CupiEmulator/Seed/seed.json), taken from the document's examples.</summary>
public static class Seed
{
    public const string PhoneSystem = "5bfd3bae-0c37-4d20-8066-c3065431fc41";
    public const string PhoneSystemName = "PhoneSystem";
    public const string SccpTemplate = "90dd306f-b8af-46b6-8289-f13437cc1e5e";
    public const string SipTemplate = "04e0e286-56ed-4f27-a325-756a49dd98e1";
    public const string PimgTemplate = "8fc4952c-aa4f-4b96-a4b3-dbe26e49d899";
    public const string G711MuLaw = "5623a48c-255d-a121-a4b4-5788238a8123";
    public const string G729 = "8923aabc-3650-b232-1b00-0788b04a84c6";
    public const string Sip5060Profile = "87cab9a5-c68d-447a-ab4f-7cd2837aa240";
    public const string Sip5061TlsProfile = "61dc7bd7-06a4-4e64-8104-ea9694390358";
    public const string SipCertificate = "2654ba6a-ae1a-4935-a8cc-c1cf7199f695";

    /// <summary>A well-formed object id that names nothing.</summary>
    public const string Unknown = "0badc0de-0000-4000-8000-000000000000";
}

public static class Requests
{
    public const string SipPassword = "Pa55-word-that-must-never-leak";

    /// <summary>The document's SCCP create request (l. 575-592).</summary>
    public static PortGroup Sccp(string displayName, string host = "10.10.10.10") => new()
    {
        DisplayName = displayName,
        MediaSwitchObjectId = Seed.PhoneSystem,
        MediaPortGroupTemplateObjectId = Seed.SccpTemplate,
        TelephonyIntegrationMethodEnum = TelephonyIntegrationMethod.Sccp,
        SkinnyDevicePrefix = "Test1-VI",
        HostOrIPAddress = host,
    };

    /// <summary>A SIP create request with every kind of writable field: TLS profile and certificate, enums,
    /// booleans, integers, the SIP credentials (a secret) and an empty string.</summary>
    public static PortGroup Sip(string displayName) => new()
    {
        DisplayName = displayName,
        MediaSwitchObjectId = Seed.PhoneSystem,
        MediaPortGroupTemplateObjectId = Seed.SipTemplate,
        TelephonyIntegrationMethodEnum = TelephonyIntegrationMethod.Sip,
        HostOrIPAddress = "10.20.30.40",
        EnableMWI = true,
        MwiOnCode = "*98",
        MwiOffCode = "#99",
        MwiMaxConcurrentRequests = 4,
        MwiRetryCountOnSuccess = 0,
        MwiMinRequestIntervalMs = 0,
        SipContactLineName = string.Empty,
        SipTransportProtocolEnum = SipTransportProtocol.Tcp,
        SipDoAuthenticate = true,
        SipAuthenticateAsUser = "cuc-sip",
        SipAuthenticatePassword = SipPassword,
        MediaSipSecurityProfileObjectId = Seed.Sip5061TlsProfile,
        MediaCertificateObjectId = Seed.SipCertificate,
        SipTLSModeEnum = SipTlsMode.Encrypted,
        SipDoSRTP = true,
        SipDoDtmfRfc2833 = true,
        DtmfDialInterDigitDelayMs = 300,
        OutgoingGuardTimeMs = 1000,
        RecordingToneExtraClipMs = 250,
        PreferredCallControl = IpAddressingMode.IPv4,
        NoiseFreeEnable = false,
    };
}

/// <summary>Runs a theory once per wire format: JSON and XML.</summary>
public sealed class BothFormatsAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
    [
        [CupiWireFormat.Json],
        [CupiWireFormat.Xml],
    ];
}
