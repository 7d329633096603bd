// The baselines' model: PortGroup's 49 fields as a plain class, the way a hand-written client (or the Cisco
// .NET SDK) declares it. Enum-typed fields are int? here: CUPI sends enums as their numbers ("2").
// Shared by the throughput benchmarks and the cold-start console.
using System.Xml.Serialization;

namespace CupiGen.Benchmarks.Baselines;

/// <summary>One port group as a POCO for System.Text.Json, Newtonsoft.Json and XmlSerializer.</summary>
[XmlRoot("PortGroup")]
public sealed class PortGroupPoco
{
    public string? URI { get; set; }

    public string? MediaPortGroupTemplateObjectId { get; set; }

    public string? MediaSwitchObjectId { get; set; }

    public string? PhoneSystemURI { get; set; }

    public int? TelephonyIntegrationMethodEnum { get; set; }

    public bool ShouldSerializeTelephonyIntegrationMethodEnum() => TelephonyIntegrationMethodEnum.HasValue;

    public bool? EnableMWI { get; set; }

    public bool ShouldSerializeEnableMWI() => EnableMWI.HasValue;

    public string? DisplayName { get; set; }

    public bool? EnableAGC { get; set; }

    public bool ShouldSerializeEnableAGC() => EnableAGC.HasValue;

    public bool? CcmDoAutoFailback { get; set; }

    public bool ShouldSerializeCcmDoAutoFailback() => CcmDoAutoFailback.HasValue;

    public string? MwiOnCode { get; set; }

    public string? MwiOffCode { get; set; }

    public int? MwiRetryCountOnSuccess { get; set; }

    public bool ShouldSerializeMwiRetryCountOnSuccess() => MwiRetryCountOnSuccess.HasValue;

    public int? MwiRetryIntervalOnSuccessMs { get; set; }

    public bool ShouldSerializeMwiRetryIntervalOnSuccessMs() => MwiRetryIntervalOnSuccessMs.HasValue;

    public string? ObjectId { get; set; }

    public string? SkinnyDevicePrefix { get; set; }

    public string? HostOrIPAddress { get; set; }

    public string? SipContactLineName { get; set; }

    public int? SipTransportProtocolEnum { get; set; }

    public bool ShouldSerializeSipTransportProtocolEnum() => SipTransportProtocolEnum.HasValue;

    public bool? SipRegisterWithProxyServer { get; set; }

    public bool ShouldSerializeSipRegisterWithProxyServer() => SipRegisterWithProxyServer.HasValue;

    public bool? SipDoAuthenticate { get; set; }

    public bool ShouldSerializeSipDoAuthenticate() => SipDoAuthenticate.HasValue;

    public string? SipAuthenticateAsUser { get; set; }

    public string? SipAuthenticatePassword { get; set; }

    public int? MwiMinRequestIntervalMs { get; set; }

    public bool ShouldSerializeMwiMinRequestIntervalMs() => MwiMinRequestIntervalMs.HasValue;

    public int? OutgoingGuardTimeMs { get; set; }

    public bool ShouldSerializeOutgoingGuardTimeMs() => OutgoingGuardTimeMs.HasValue;

    public int? OutgoingPostDialDelayMs { get; set; }

    public bool ShouldSerializeOutgoingPostDialDelayMs() => OutgoingPostDialDelayMs.HasValue;

    public int? OutgoingPreDialDelayMs { get; set; }

    public bool ShouldSerializeOutgoingPreDialDelayMs() => OutgoingPreDialDelayMs.HasValue;

    public int? DelayBeforeOpeningMs { get; set; }

    public bool ShouldSerializeDelayBeforeOpeningMs() => DelayBeforeOpeningMs.HasValue;

    public int? DtmfDialInterDigitDelayMs { get; set; }

    public bool ShouldSerializeDtmfDialInterDigitDelayMs() => DtmfDialInterDigitDelayMs.HasValue;

    public bool? MwiReqPortSpecific { get; set; }

    public bool ShouldSerializeMwiReqPortSpecific() => MwiReqPortSpecific.HasValue;

    public int? MwiMaxConcurrentRequests { get; set; }

    public bool ShouldSerializeMwiMaxConcurrentRequests() => MwiMaxConcurrentRequests.HasValue;

    public string? MediaSwitchDisplayName { get; set; }

    public int? PortCount { get; set; }

    public bool ShouldSerializePortCount() => PortCount.HasValue;

    public int? WaitForCallInfoMs { get; set; }

    public bool ShouldSerializeWaitForCallInfoMs() => WaitForCallInfoMs.HasValue;

    public bool? SipDoSRTP { get; set; }

    public bool ShouldSerializeSipDoSRTP() => SipDoSRTP.HasValue;

    public bool? SipDoDtmfRfc2833 { get; set; }

    public bool ShouldSerializeSipDoDtmfRfc2833() => SipDoDtmfRfc2833.HasValue;

    public bool? SipDoDtmfKPML { get; set; }

    public bool ShouldSerializeSipDoDtmfKPML() => SipDoDtmfKPML.HasValue;

    public string? MediaSipSecurityProfileObjectId { get; set; }

    public string? MediaCertificateObjectId { get; set; }

    public int? SipTLSModeEnum { get; set; }

    public bool ShouldSerializeSipTLSModeEnum() => SipTLSModeEnum.HasValue;

    public int? ResetStatusEnum { get; set; }

    public bool ShouldSerializeResetStatusEnum() => ResetStatusEnum.HasValue;

    public int? RecordingDTMFClipMs { get; set; }

    public bool ShouldSerializeRecordingDTMFClipMs() => RecordingDTMFClipMs.HasValue;

    public int? RecordingToneExtraClipMs { get; set; }

    public bool ShouldSerializeRecordingToneExtraClipMs() => RecordingToneExtraClipMs.HasValue;

    public int? PreferredCallControl { get; set; }

    public bool ShouldSerializePreferredCallControl() => PreferredCallControl.HasValue;

    public int? SipPreferredMedia { get; set; }

    public bool ShouldSerializeSipPreferredMedia() => SipPreferredMedia.HasValue;

    public bool? NoiseFreeEnable { get; set; }

    public bool ShouldSerializeNoiseFreeEnable() => NoiseFreeEnable.HasValue;

    public string? SipRPIDDisplayName { get; set; }

    public string? PortGroupServerURI { get; set; }

    public string? PortGroupCodecURI { get; set; }

    public string? PortURI { get; set; }
}
