// The serializer workloads: one PortGroup (the document's own payloads) and a list of 100 port groups of mixed
// integration types, generated deterministically, as the same bytes for every serializer.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Text;
using CupiGen.Benchmarks.Baselines;
using Cupi;

namespace CupiGen.Benchmarks;

/// <summary>Payloads and the equivalence checks every benchmark class runs in its [GlobalSetup].</summary>
public static class Workloads
{
    public const int ListSize = 100;

    /// <summary>Fixture 04: the document's "Viewing Details of a Specific Port Group" JSON response.</summary>
    public static byte[] OneJson { get; } = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "04-get-portgroup.json"));

    /// <summary>Fixture 03: the same section's XML response.</summary>
    public static byte[] OneXml { get; } = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "03-get-portgroup.xml"));

    /// <summary>100 port groups (SCCP, SIP, PIMG in turn) as CUPI list JSON: <c>{"@total":"100","PortGroup":[…]}</c>.</summary>
    public static byte[] ListJson { get; } = Encoding.UTF8.GetBytes(CupiSerializer.ListToJson(CreatePortGroups(ListSize)));

    /// <summary>The same 100 port groups as CUPI list XML: <c>&lt;PortGroups total="100"&gt;…</c>.</summary>
    public static byte[] ListXml { get; } = Encoding.UTF8.GetBytes(CupiSerializer.ListToXml(CreatePortGroups(ListSize)));

    /// <summary>Deterministic port groups of mixed integration types, with the fields CUPI returns for each type.</summary>
    public static List<PortGroup> CreatePortGroups(int count)
    {
        var result = new List<PortGroup>(count);
        uint seed = 0x5EED;
        uint Next(uint bound)
        {
            seed = (seed * 1664525) + 1013904223;
            return (seed >> 8) % bound;
        }

        for (var i = 0; i < count; i++)
        {
            var id = new Guid((int)(0x74a00000 + i), (short)i, (short)(i * 7), 0x80, 0x66, 0xc3, 0x06, 0x54, 0x31, (byte)(i >> 8), (byte)i).ToString();
            var system = new Guid(0x5bfd3bae, (short)(i % 5), 0x4d20, 0x80, 0x66, 0xc3, 0x06, 0x54, 0x31, 0xfc, 0x41).ToString();
            var method = (TelephonyIntegrationMethod)((i % 3) + 1);
            var group = new PortGroup
            {
                URI = "/vmrest/portgroups/" + id,
                MediaPortGroupTemplateObjectId = "04e0e286-56ed-4f27-a325-756a49dd98e" + (i % 3).ToString(CultureInfo.InvariantCulture),
                MediaSwitchObjectId = system,
                PhoneSystemURI = "/vmrest/phonesystems/" + system,
                TelephonyIntegrationMethodEnum = method,
                EnableMWI = Next(2) == 0,
                DisplayName = $"PhoneSystem-{i % 5}-{i}",
                EnableAGC = true,
                CcmDoAutoFailback = Next(4) != 0,
                MwiRetryCountOnSuccess = (int)Next(3),
                MwiRetryIntervalOnSuccessMs = 5,
                ObjectId = id,
                MwiMinRequestIntervalMs = 0,
                OutgoingGuardTimeMs = (int)Next(1000),
                OutgoingPostDialDelayMs = 50,
                OutgoingPreDialDelayMs = 0,
                DelayBeforeOpeningMs = 0,
                DtmfDialInterDigitDelayMs = 300,
                MwiMaxConcurrentRequests = 0,
                MediaSwitchDisplayName = "PhoneSystem-" + (i % 5).ToString(CultureInfo.InvariantCulture),
                PortCount = (int)Next(48),
                WaitForCallInfoMs = 0,
                ResetStatusEnum = (ResetStatus)(int)Next(2),
                RecordingDTMFClipMs = 170,
                RecordingToneExtraClipMs = 250,
                NoiseFreeEnable = true,
                PortGroupServerURI = $"/vmrest/portgroups/{id}/portgroupservers",
                PortGroupCodecURI = $"/vmrest/portgroups/{id}/portgroupcodecs",
                PortURI = "/vmrest/ports/",
            };

            switch (method)
            {
                case TelephonyIntegrationMethod.Sccp:
                    group.SkinnyDevicePrefix = "CiscoUM1-VI";
                    group.HostOrIPAddress = $"10.{i % 250}.{Next(250)}.{Next(250)}";
                    group.MwiReqPortSpecific = false;
                    break;
                case TelephonyIntegrationMethod.Sip:
                    group.HostOrIPAddress = $"cucm-{i}.example.com";
                    group.SipContactLineName = Next(2) == 0 ? "" : "line" + i.ToString(CultureInfo.InvariantCulture);
                    group.SipTransportProtocolEnum = (SipTransportProtocol)(10 + (int)Next(2));
                    group.SipRegisterWithProxyServer = false;
                    group.SipDoAuthenticate = Next(2) == 0;
                    group.SipAuthenticateAsUser = "SIPUser" + i.ToString(CultureInfo.InvariantCulture);
                    group.SipAuthenticatePassword = Convert.ToBase64String(BitConverter.GetBytes((long)i * 7919));
                    group.SipDoSRTP = true;
                    group.SipDoDtmfRfc2833 = true;
                    group.SipDoDtmfKPML = Next(2) == 0;
                    group.MediaSipSecurityProfileObjectId = "34e62bbf-a2f8-4281-8b1e-90af4985344e";
                    group.SipTLSModeEnum = (SipTlsMode)(10 + (int)Next(2));
                    group.PreferredCallControl = (IpAddressingMode)(int)Next(3);
                    group.SipPreferredMedia = (IpAddressingMode)(int)Next(3);
                    group.SipRPIDDisplayName = "Voice Mail " + i.ToString(CultureInfo.InvariantCulture);
                    break;
                default:
                    group.HostOrIPAddress = $"pimg-{i}.example.com";
                    group.MwiOnCode = "#" + Next(1000).ToString(CultureInfo.InvariantCulture);
                    group.MwiOffCode = "*" + Next(1000).ToString(CultureInfo.InvariantCulture);
                    group.MwiReqPortSpecific = true;
                    break;
            }

            group.AcceptChanges();
            result.Add(group);
        }

        return result;
    }

    /// <summary>The POCO with the same field values as a generated PortGroup (for the baselines' write benchmarks).</summary>
    public static PortGroupPoco ToPoco(PortGroup source)
    {
        var poco = new PortGroupPoco();
        foreach (var property in PocoProperties)
        {
            var value = typeof(PortGroup).GetProperty(property.Name)!.GetValue(source);
            property.SetValue(poco, value is Enum e ? Convert.ToInt32(e, CultureInfo.InvariantCulture) : value);
        }

        return poco;
    }

    /// <summary>Fails unless every field of the two objects has the same value (enums compared by number).</summary>
    public static void AssertSame(string what, PortGroup expected, PortGroupPoco actual)
    {
        foreach (var property in PocoProperties)
        {
            var left = typeof(PortGroup).GetProperty(property.Name)!.GetValue(expected);
            if (left is Enum e)
            {
                left = Convert.ToInt32(e, CultureInfo.InvariantCulture);
            }

            var right = property.GetValue(actual);
            if (!Equals(left, right))
            {
                throw new InvalidOperationException($"{what}: field {property.Name} differs: CupiGen read '{left}', the baseline read '{right}'.");
            }
        }
    }

    /// <summary>Fails unless two generated objects carry the same field values and additional fields.</summary>
    public static void AssertSame(string what, PortGroup expected, PortGroup actual)
    {
        AssertSame(what, expected, ToPoco(actual));
        if (expected.AdditionalFields.Count != actual.AdditionalFields.Count)
        {
            throw new InvalidOperationException($"{what}: additional fields differ ({expected.AdditionalFields.Count} vs {actual.AdditionalFields.Count}).");
        }
    }

    public static void AssertSameList(string what, IReadOnlyList<PortGroup> expected, IReadOnlyList<PortGroupPoco>? actual)
    {
        if (actual is null || actual.Count != expected.Count)
        {
            throw new InvalidOperationException($"{what}: {actual?.Count ?? 0} objects read, {expected.Count} expected.");
        }

        for (var i = 0; i < expected.Count; i++)
        {
            AssertSame($"{what}[{i}]", expected[i], actual[i]);
        }
    }

    public static void AssertSameList(string what, IReadOnlyList<PortGroup> expected, IReadOnlyList<PortGroup> actual)
    {
        if (actual.Count != expected.Count)
        {
            throw new InvalidOperationException($"{what}: {actual.Count} objects, {expected.Count} expected.");
        }

        for (var i = 0; i < expected.Count; i++)
        {
            AssertSame($"{what}[{i}]", expected[i], actual[i]);
        }
    }

    public static void AssertTotal(string what, int expected, int? actual)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"{what}: total {actual} read, {expected} expected.");
        }
    }

    private static readonly PropertyInfo[] PocoProperties = typeof(PortGroupPoco).GetProperties();
}
