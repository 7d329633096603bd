// The client over loopback: CupiGen's generated Cupi.CupiClient against a hand-written HttpClient + System.Text.Json
// (source-generated CupiStjContext) client, both listing the same 100 port groups (one page, rowsPerPage=100) from
// tools/CupiEmulator on 127.0.0.1. Both authenticate the same way: Basic credentials on the first request, then the
// session cookies the server sets (JSESSIONIDSSO …) instead of credentials, as Unity Connection expects.
using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using CupiGen.Benchmarks.Baselines;
using CupiGen.Emulator;
using Cupi;

namespace CupiGen.Benchmarks;

/// <summary>Listing 100 port groups (one page) from the emulator: the generated client vs HttpClient + STJ.</summary>
[MemoryDiagnoser]
public class ClientOverLoopback
{
    // The emulator's seed data (tools/CupiEmulator/Seed/seed.json).
    private const string PhoneSystem = "5bfd3bae-0c37-4d20-8066-c3065431fc41";
    private const string SccpTemplate = "90dd306f-b8af-46b6-8289-f13437cc1e5e";
    private const string SipTemplate = "04e0e286-56ed-4f27-a325-756a49dd98e1";
    private const string PimgTemplate = "8fc4952c-aa4f-4b96-a4b3-dbe26e49d899";
    private const string ListPath = "vmrest/portgroups?rowsPerPage=100&pageNumber=1";

    private CupiEmulator _emulator = null!;
    private CupiClient _client = null!;
    private HttpClient _clientHttp = null!;
    private HttpClient _http = null!;
    private CookieContainer _cookies = null!;
    private string _basic = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _clientHttp.Dispose();
        _http.Dispose();
        _emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public async Task<PortGroupListJson> HttpClientStj_ListPortGroups()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ListPath);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        // Credentials only until the server has set its session cookies (the handler then sends those).
        if (_cookies.Count == 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", _basic);
        }

        using var response = await _http.SendAsync(request).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(CupiStjContext.Default.PortGroupListJson).ConfigureAwait(false))!;
    }

    [Benchmark]
    public Task<CupiList<PortGroup>> CupiClient_ListPortGroups() => _client.PortGroups.ListPageAsync(pageNumber: 1, rowsPerPage: 100);

    private async Task SetupAsync()
    {
        _emulator = await CupiEmulator.StartAsync(new CupiEmulatorOptions()).ConfigureAwait(false);
        if (!IPAddress.IsLoopback(IPAddress.Parse(_emulator.BaseAddress.Host)))
        {
            throw new InvalidOperationException("the emulator must listen on loopback: " + _emulator.BaseAddress);
        }

        // As CupiClient(options) builds it (CUPI's primary handler and retry pipeline), but with the HttpClient kept
        // so that the cleanup can dispose of it.
        var options = new CupiClientOptions
        {
            BaseAddress = _emulator.BaseAddress,
            UserName = _emulator.UserName,
            Password = _emulator.Password,
            Format = CupiWireFormat.Json,
        };
        _clientHttp = CupiHttp.CreateHttpClient(options);
        _client = new CupiClient(_clientHttp, options);

        // 100 port groups of mixed integration types (SCCP, SIP, PIMG in turn), created through the client.
        for (var i = 0; i < Workloads.ListSize; i++)
        {
            await _client.PortGroups.CreateAsync(Create(i)).ConfigureAwait(false);
        }

        _cookies = new CookieContainer();
        _http = new HttpClient(new SocketsHttpHandler { UseCookies = true, CookieContainer = _cookies })
        {
            BaseAddress = _emulator.BaseAddress,
        };
        _basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(_emulator.UserName + ":" + _emulator.Password));

        // Both sides read the same 100 objects with the same field values.
        var cupi = await CupiClient_ListPortGroups().ConfigureAwait(false);
        var stj = await HttpClientStj_ListPortGroups().ConfigureAwait(false);
        if (cupi.Count != Workloads.ListSize)
        {
            throw new InvalidOperationException($"client benchmark: {cupi.Count} port groups listed, {Workloads.ListSize} expected");
        }

        Workloads.AssertSameList("client list (HttpClient + STJ)", cupi, stj.PortGroup);
        Workloads.AssertTotal("client list (HttpClient + STJ)", cupi.Total, stj.Total);
        var methods = new int[4];
        foreach (var group in cupi)
        {
            methods[(int)group.TelephonyIntegrationMethodEnum!.Value]++;
        }

        if (methods[1] == 0 || methods[2] == 0 || methods[3] == 0)
        {
            throw new InvalidOperationException("client benchmark: the list does not mix SCCP, SIP and PIMG port groups");
        }
    }

    private static PortGroup Create(int i)
    {
        var name = "Bench-" + i.ToString("D3", CultureInfo.InvariantCulture);
        return (i % 3) switch
        {
            0 => new PortGroup
            {
                DisplayName = name,
                MediaSwitchObjectId = PhoneSystem,
                MediaPortGroupTemplateObjectId = SccpTemplate,
                TelephonyIntegrationMethodEnum = TelephonyIntegrationMethod.Sccp,
                SkinnyDevicePrefix = "Bench" + i.ToString(CultureInfo.InvariantCulture) + "-VI",
                HostOrIPAddress = "10.10." + (i / 250).ToString(CultureInfo.InvariantCulture) + "." + (i % 250).ToString(CultureInfo.InvariantCulture),
            },
            1 => new PortGroup
            {
                DisplayName = name,
                MediaSwitchObjectId = PhoneSystem,
                MediaPortGroupTemplateObjectId = SipTemplate,
                TelephonyIntegrationMethodEnum = TelephonyIntegrationMethod.Sip,
                HostOrIPAddress = "cucm-" + i.ToString(CultureInfo.InvariantCulture) + ".example.com",
                SipTransportProtocolEnum = SipTransportProtocol.Tcp,
                SipDoAuthenticate = true,
                SipAuthenticateAsUser = "cuc-sip-" + i.ToString(CultureInfo.InvariantCulture),
                SipAuthenticatePassword = "Pa55-" + i.ToString(CultureInfo.InvariantCulture),
                SipDoDtmfRfc2833 = true,
                PreferredCallControl = IpAddressingMode.IPv4,
            },
            _ => new PortGroup
            {
                DisplayName = name,
                MediaSwitchObjectId = PhoneSystem,
                MediaPortGroupTemplateObjectId = PimgTemplate,
                TelephonyIntegrationMethodEnum = TelephonyIntegrationMethod.Pimg,
                HostOrIPAddress = "pimg-" + i.ToString(CultureInfo.InvariantCulture) + ".example.com",
                EnableMWI = true,
                MwiOnCode = "#" + i.ToString(CultureInfo.InvariantCulture),
                MwiOffCode = "*" + i.ToString(CultureInfo.InvariantCulture),
            },
        };
    }
}
