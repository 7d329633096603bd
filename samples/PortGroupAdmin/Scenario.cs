using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Cupi;
using CupiGen;
using static PortGroupAdmin.StepLog;

namespace PortGroupAdmin;

/// <summary>
/// The walk through the Port Groups API with the generated client. <see cref="ReadOnlyAsync"/> only lists and
/// reads; <see cref="WritesAsync"/> creates three port groups, changes them, shows both kinds of error and
/// deletes everything it created. Every step checks what the CUPI document says should happen.
/// </summary>
internal sealed class Scenario(CupiClient client, StepLog log, Func<long> requestsSent, int pageSize = CupiClientOptions.DefaultPageSize)
{
    // Created objects are named with a per-run tag, so a run never touches anything it did not create.
    private readonly string _tag = "CupiGen-demo-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant();

    // The SIP port group's authentication password: a secret, so it must never appear in the report.
    private readonly string _sipPassword = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12));

    private readonly List<string> _created = [];

    // What the read-only part found; a create request refers to these by object id.
    private readonly Dictionary<TelephonyIntegrationMethod, PortGroupTemplate> _templates = [];
    private List<RtpCodecDef> _codecDefs = [];
    private PhoneSystem? _phoneSystem;
    private SipSecurityProfile? _plainProfile;
    private SipSecurityProfile? _tlsProfile;
    private SipCertificate? _certificate;

    private string? _sccpId;
    private string? _sipId;

    /// <summary>Secrets the report must not contain.</summary>
    public IEnumerable<string> Secrets => [_sipPassword];

    public async Task ReadOnlyAsync()
    {
        await log.Run("list port group templates", async () =>
        {
            await foreach (var template in client.PortGroupTemplates.ListAsync())
            {
                if (template.CopyTelephonyIntegrationMethodEnum is { } method)
                {
                    _templates.TryAdd(method, template);
                }
            }

            // Unity Connection ships one template per integration method; a create request names one.
            Expect(_templates.Count == 3, $"a template for SCCP, SIP and PIMG/TIMG, found {_templates.Count}");
            return string.Join(", ", _templates.Values.Select(t => $"{t.TemplateDescriptionDefault} ({(int)t.CopyTelephonyIntegrationMethodEnum!})"));
        });

        await log.Run("list RTP codec definitions", async () =>
        {
            _codecDefs = await client.RtpCodecDefs.ListAsync().ToListAsync();
            Expect(_codecDefs.Count > 0 && _codecDefs.TrueForAll(c => c.ObjectId is not null), "codec definitions with object ids");
            return $"{_codecDefs.Count}: {string.Join(", ", _codecDefs.Select(c => c.DisplayName))}";
        });

        await log.Run("list phone systems", async () =>
        {
            var page = await client.PhoneSystems.ListPageAsync();
            Expect(page.Count > 0, "at least one phone system");
            _phoneSystem = page[0];
            return $"{page.Total} in all; using '{_phoneSystem.DisplayName}'";
        });

        await log.Run("list SIP security profiles", async () =>
        {
            var profiles = await client.SipSecurityProfiles.ListAsync().ToListAsync();
            _plainProfile = profiles.Find(p => p.Port == 5060);
            _tlsProfile = profiles.Find(p => p.Port == 5061);
            Expect(_plainProfile is not null && _tlsProfile is { DoTLS: true }, "the 5060 and 5061/TLS profiles");
            return string.Join(", ", profiles.Select(p => $"{p.DisplayName} (port {p.Port}, TLS {p.DoTLS})"));
        });

        await log.Run("list SIP certificates", async () =>
        {
            var certificates = await client.SipCertificates.ListAsync().ToListAsync();
            _certificate = certificates.FirstOrDefault();
            return certificates.Count == 0 ? "none" : $"{certificates.Count}: {string.Join(", ", certificates.Select(c => c.DisplayName))}";
        });

        await log.Run("list port groups (first page)", async () =>
        {
            var page = await client.PortGroups.ListPageAsync(pageNumber: 1, rowsPerPage: 10);
            Expect(page.Count <= page.Total, "a page no larger than the total");
            if (page.Count == 0)
            {
                return "none yet";
            }

            // Read the first one in full, with its servers and codecs.
            var group = await client.PortGroups.GetAsync(page[0].ObjectId!);
            Expect(group.ObjectId == page[0].ObjectId, "GET to return the listed port group");
            var servers = await client.PortGroups.Servers(group.ObjectId!).ListPageAsync();
            var codecs = await client.PortGroups.Codecs(group.ObjectId!).ListPageAsync();
            return $"{page.Total} in all; '{group.DisplayName}' ({group.TelephonyIntegrationMethodEnum}): {servers.Total} server(s), {codecs.Total} codec(s)";
        });
    }

    public async Task WritesAsync()
    {
        await log.Run("create an SCCP port group", async () =>
        {
            _sccpId = await Create(new PortGroup
            {
                DisplayName = _tag + "-sccp",
                MediaSwitchObjectId = PhoneSystemId,
                MediaPortGroupTemplateObjectId = TemplateId(TelephonyIntegrationMethod.Sccp),
                TelephonyIntegrationMethodEnum = TelephonyIntegrationMethod.Sccp,
                SkinnyDevicePrefix = "Demo-VI",
                HostOrIPAddress = "10.10.10.10",
            });
            return "id " + _sccpId;
        });

        await log.Run("create a SIP port group", async () =>
        {
            var request = new PortGroup
            {
                DisplayName = _tag + "-sip",
                MediaSwitchObjectId = PhoneSystemId,
                MediaPortGroupTemplateObjectId = TemplateId(TelephonyIntegrationMethod.Sip),
                TelephonyIntegrationMethodEnum = TelephonyIntegrationMethod.Sip,
                HostOrIPAddress = "10.10.10.11",
                MediaSipSecurityProfileObjectId = Need(_plainProfile, "the 5060 SIP security profile").ObjectId,
                EnableMWI = true,
                MwiMaxConcurrentRequests = 3,
                SipDoAuthenticate = true,
                SipAuthenticateAsUser = "demo-sip-user",
                SipAuthenticatePassword = _sipPassword,
            };
            // A secret field is masked wherever the model is shown: ToString, logs, validation messages.
            Expect(!request.ToString().Contains(_sipPassword, StringComparison.Ordinal), "SipAuthenticatePassword masked by ToString()");
            _sipId = await Create(request);
            return "id " + _sipId;
        });

        await log.Run("create a PIMG/TIMG port group", async () =>
        {
            var id = await Create(new PortGroup
            {
                DisplayName = _tag + "-pimg",
                MediaSwitchObjectId = PhoneSystemId,
                MediaPortGroupTemplateObjectId = TemplateId(TelephonyIntegrationMethod.Pimg),
                TelephonyIntegrationMethodEnum = TelephonyIntegrationMethod.Pimg,
                HostOrIPAddress = "10.78.171.157",
            });
            return "id " + id;
        });

        await log.Run("read the SIP port group back", async () =>
        {
            var group = await client.PortGroups.GetAsync(Need(_sipId, "the SIP port group"));
            Expect(group.DisplayName == _tag + "-sip" && group.TelephonyIntegrationMethodEnum == TelephonyIntegrationMethod.Sip, "the name and integration method sent");
            Expect(group.EnableMWI == true && group.MwiMaxConcurrentRequests == 3, "the MWI settings sent");
            // Server-set fields: the phone system's name is copied in, and a new port group needs no reset.
            Expect(group.MediaSwitchDisplayName == Need(_phoneSystem, "a phone system").DisplayName, "MediaSwitchDisplayName copied from the phone system");
            Expect(group.ResetStatusEnum == ResetStatus.NotRequired, $"ResetStatusEnum 0, got {group.ResetStatusEnum}");
            return $"'{group.DisplayName}' on '{group.MediaSwitchDisplayName}', {group.TelephonyIntegrationMethodEnum}, reset {group.ResetStatusEnum}";
        });

        await log.Run("find them with a query", async () =>
        {
            var query = CupiQuery.StartsWith(nameof(PortGroup.DisplayName), _tag).OrderBy(nameof(PortGroup.DisplayName));
            var found = await client.PortGroups.ListAsync(query).Select(g => g.DisplayName).ToListAsync();
            Expect(found.SequenceEqual([_tag + "-pimg", _tag + "-sccp", _tag + "-sip"]), "the three port groups, sorted by name");
            return $"{query.Filter} {query.Sort}: {found.Count}";
        });

        await log.Run("update the MWI settings", async () =>
        {
            var group = await client.PortGroups.GetAsync(Need(_sipId, "the SIP port group"));
            group.MwiOnCode = "*98";
            group.MwiOffCode = "*99";
            group.MwiMaxConcurrentRequests = 4;
            await client.PortGroups.UpdateAsync(group); // a PUT of the three changed fields only
            Expect(!group.HasChanges, "the changes to be accepted after the 204");
            var reread = await client.PortGroups.GetAsync(group.ObjectId!);
            Expect(reread is { MwiOnCode: "*98", MwiOffCode: "*99", MwiMaxConcurrentRequests: 4 }, "the new values on the server");
            return "MwiOnCode *98, MwiOffCode *99, MwiMaxConcurrentRequests 4";
        });

        await log.Run("a change asks for a reset", async () =>
        {
            // A configuration change takes effect only after a reset: ResetStatusEnum becomes 100.
            var group = await client.PortGroups.GetAsync(Need(_sipId, "the SIP port group"));
            Expect(group.ResetStatusEnum == ResetStatus.Required, $"ResetStatusEnum 100, got {(int?)group.ResetStatusEnum}");
            return $"ResetStatusEnum {(int)group.ResetStatusEnum!} ({group.ResetStatusEnum})";
        });

        await log.Run("reset the port group", async () =>
        {
            var group = await client.PortGroups.GetAsync(Need(_sipId, "the SIP port group"));
            await client.PortGroups.ResetAsync(group);
            var after = (await client.PortGroups.GetAsync(group.ObjectId!)).ResetStatusEnum;
            Expect(after is ResetStatus.NotRequired or ResetStatus.InProgress, $"ResetStatusEnum 0 (or 101 while it runs), got {(int?)after}");
            return $"ResetStatusEnum 100 -> {(int)after!}";
        });

        await log.Run("reset refused before sending", async () =>
        {
            // The document allows a reset only at 100; the generated client checks that on the object it was given.
            var group = await client.PortGroups.GetAsync(Need(_sipId, "the SIP port group"));
            var error = await NothingSent(() => client.PortGroups.ResetAsync(group));
            Expect(error.Result.Errors.Any(p => p.Field == nameof(PortGroup.ResetStatusEnum)), "a problem naming ResetStatusEnum");
            return error.Message;
        });

        await log.Run("reset refused by the server", async () =>
        {
            // By id the client cannot know the status, so the request goes out and the server refuses it.
            var error = await ExpectThrows<CupiApiException>(() => client.PortGroups.ResetAsync(Need(_sipId, "the SIP port group")));
            Expect(error.StatusCode == HttpStatusCode.BadRequest, $"HTTP 400, got {(int)error.StatusCode}");
            return Describe(error);
        });

        await log.Run("list the SCCP group's servers", async () =>
        {
            // Creating a port group also creates its first server, from HostOrIPAddress.
            var servers = await client.PortGroups.Servers(Need(_sccpId, "the SCCP port group")).ListPageAsync();
            Expect(servers.Count == 1 && servers[0].HostOrIPAddress == "10.10.10.10", "one server, 10.10.10.10");
            return $"{servers.Count}: {servers[0].HostOrIPAddress}:{servers[0].Port}, precedence {servers[0].Precedence}";
        });

        await log.Run("update a server", async () =>
        {
            var servers = client.PortGroups.Servers(Need(_sccpId, "the SCCP port group"));
            var server = (await servers.ListPageAsync())[0];
            server.Port = 2002;
            server.Precedence = 1;
            await servers.UpdateAsync(server);
            var reread = await servers.GetAsync(server.ObjectId!);
            Expect(reread is { Port: 2002, Precedence: 1 }, "port 2002 and precedence 1 on the server");
            return $"{reread.HostOrIPAddress}:{reread.Port}, precedence {reread.Precedence}";
        });

        string? codecId = null;
        await log.Run("add a codec", async () =>
        {
            var codecs = client.PortGroups.Codecs(Need(_sipId, "the SIP port group"));
            var before = (await codecs.ListPageAsync()).Total;
            var definition = _codecDefs.Find(c => c.DisplayName == "G.722") ?? _codecDefs[0];
            codecId = await codecs.AddAsync(new PortGroupCodec
            {
                MediaPortGroupObjectId = _sipId,
                RtpCodecDefObjectId = definition.ObjectId,
                PreferredPacketSizeMs = 20,
            });
            var after = await codecs.ListPageAsync();
            Expect(after.Total == before + 1 && after.Any(c => c.ObjectId == codecId && c.PreferredPacketSizeMs == 20), "the new codec in the list");
            return $"{definition.DisplayName} at 20 ms; {before} -> {after.Total} codec(s)";
        });

        await log.Run("delete the codec", async () =>
        {
            var codecs = client.PortGroups.Codecs(Need(_sipId, "the SIP port group"));
            await codecs.DeleteAsync(Need(codecId, "the added codec"));
            var after = await codecs.ListPageAsync();
            Expect(after.All(c => c.ObjectId != codecId), "the codec gone from the list");
            return $"{after.Total} codec(s) left";
        });

        await log.Run("switch to the 5061/TLS profile", async () =>
        {
            var group = await client.PortGroups.GetAsync(Need(_sipId, "the SIP port group"));
            var profile = Need(_tlsProfile, "the 5061/TLS SIP security profile");
            var certificate = Need(_certificate, "a SIP certificate");
            // The certificate and TLS mode matter only with a 5061/TLS profile, so they change together.
            group.MediaSipSecurityProfileObjectId = profile.ObjectId;
            group.MediaCertificateObjectId = certificate.ObjectId;
            group.SipTLSModeEnum = SipTlsMode.Encrypted;
            await client.PortGroups.UpdateAsync(group);
            var reread = await client.PortGroups.GetAsync(group.ObjectId!);
            Expect(reread.MediaSipSecurityProfileObjectId == profile.ObjectId && reread.MediaCertificateObjectId == certificate.ObjectId &&
                reread.SipTLSModeEnum == SipTlsMode.Encrypted, "the profile, certificate and TLS mode on the server");
            return $"profile '{profile.DisplayName}', certificate '{certificate.DisplayName}', TLS {reread.SipTLSModeEnum}";
        });

        await log.Run("invalid value caught before sending", async () =>
        {
            var group = await client.PortGroups.GetAsync(Need(_sipId, "the SIP port group"));
            // A constant 300 would not even compile (analyzer CUPI2003); a value known only at run time, as from
            // a spreadsheet, is checked by the generated validator before any request is made.
            var fromSpreadsheet = "300";
            group.MwiMaxConcurrentRequests = int.Parse(fromSpreadsheet, CultureInfo.InvariantCulture);
            var error = await NothingSent(() => client.PortGroups.UpdateAsync(group));
            var problem = error.Result.Errors.Single();
            Expect(problem is { Field: nameof(PortGroup.MwiMaxConcurrentRequests), Rule: CupiRule.Range }, "a range problem on MwiMaxConcurrentRequests");
            Expect((await client.PortGroups.GetAsync(group.ObjectId!)).MwiMaxConcurrentRequests == 4, "the server's value unchanged");
            return problem.Message;
        });

        await log.Run("unknown id answered 404", async () =>
        {
            var error = await ExpectThrows<CupiApiException>(() => client.PortGroups.GetAsync(Guid.NewGuid().ToString()));
            Expect(error.StatusCode == HttpStatusCode.NotFound, $"HTTP 404, got {(int)error.StatusCode}");
            return Describe(error);
        });

        await log.Run("delete everything created", async () =>
        {
            // Each delete also removes the port group's servers and codecs.
            var count = _created.Count;
            foreach (var id in _created.ToArray())
            {
                await client.PortGroups.DeleteAsync(id);
                _created.Remove(id);
                var gone = await ExpectThrows<CupiApiException>(() => client.PortGroups.GetAsync(id));
                Expect(gone.StatusCode == HttpStatusCode.NotFound, "404 for a deleted port group");
            }

            var left = (await client.PortGroups.ListPageAsync(query: CupiQuery.StartsWith(nameof(PortGroup.DisplayName), _tag))).Total;
            Expect(left == 0, $"no port group named {_tag}*, found {left}");
            return $"{count} port groups deleted, each now 404";
        });
    }

    /// <summary>
    /// The bulk step, as an administrator provisions a site: <paramref name="count"/> port groups created, their
    /// MWI settings changed (which asks for a reset), reset where the server says it is required, and deleted,
    /// each phase as many at once as the server's limit allows, with a live progress line.
    /// </summary>
    public async Task BulkAsync(int count)
    {
        await log.Run($"bulk: {count} port groups", async () =>
        {
            var started = Stopwatch.GetTimestamp();
            var prefix = _tag + "-bulk-";
            var calls = 0;
            LiveProgress Phase(string name) => new(log.Report, "bulk " + name);

            var requests = Enumerable.Range(0, count).Select(i => new PortGroup
            {
                DisplayName = prefix + i.ToString("0000", CultureInfo.InvariantCulture),
                MediaSwitchObjectId = PhoneSystemId,
                MediaPortGroupTemplateObjectId = TemplateId(TelephonyIntegrationMethod.Sccp),
                TelephonyIntegrationMethodEnum = TelephonyIntegrationMethod.Sccp,
                SkinnyDevicePrefix = "Bulk-VI",
                HostOrIPAddress = $"10.20.{i / 250}.{i % 250 + 1}",
            }).ToList();
            var created = await client.PortGroups.CreateManyAsync(requests, Phase("create"));
            calls += created.Count;
            _created.AddRange(created.Values);
            Expect(created.Failed == 0, $"every create to succeed, {created.Failed} failed: {created.Failures.FirstOrDefault()}");

            // Changing MWI settings takes effect only after a reset (the server sets ResetStatusEnum to 100).
            var query = CupiQuery.StartsWith(nameof(PortGroup.DisplayName), prefix);
            var groups = await client.PortGroups.ListAsync(query).ToListAsync();
            calls += (count + pageSize - 1) / pageSize;
            Expect(groups.Count == count, $"{count} port groups listed, found {groups.Count}");
            foreach (var group in groups)
            {
                group.MwiMaxConcurrentRequests = 2;
            }

            var updated = await client.PortGroups.UpdateManyAsync(groups, Phase("update"));
            calls += updated.Count;
            Expect(updated.Failed == 0, $"every update to succeed: {updated.Failures.FirstOrDefault()}");

            var reread = await client.PortGroups.ListAsync(query).ToListAsync();
            calls += (count + pageSize - 1) / pageSize;
            var required = reread.Where(g => g.ResetStatusEnum == ResetStatus.Required).ToList();
            var reset = await client.PortGroups.ResetManyAsync(required, Phase("reset"));
            calls += reset.Count;
            Expect(reset.Failed == 0, $"every reset to succeed: {reset.Failures.FirstOrDefault()}");

            var deleted = await client.PortGroups.DeleteManyAsync(created.Values.ToList(), Phase("delete"));
            calls += deleted.Count;
            foreach (var id in deleted.Values)
            {
                _created.Remove(id);
            }

            Expect(deleted.Failed == 0, $"every delete to succeed: {deleted.Failures.FirstOrDefault()}");
            var left = (await client.PortGroups.ListPageAsync(query: query)).Total;
            Expect(left == 0, $"no bulk port group left, found {left}");

            var elapsed = Stopwatch.GetElapsedTime(started);
            var items = created.Count + updated.Count + reset.Count + deleted.Count;
            return string.Create(CultureInfo.InvariantCulture,
                $"{created.Succeeded} created, {updated.Succeeded} updated, {reset.Succeeded} reset, {deleted.Succeeded} deleted: {items} items ({calls} requests) in {elapsed.TotalSeconds:0.00} s, {items / elapsed.TotalSeconds:0} items/s");
        });
    }

    private async Task<string> Create(PortGroup request)
    {
        var id = await client.PortGroups.CreateAsync(request);
        _created.Add(id);
        Expect(Guid.TryParse(id, out _), $"an object id in the 201 answer, got '{id}'");
        return id;
    }

    /// <summary>Runs a call that must fail validation in the client, and checks that no request was made.</summary>
    private async Task<CupiValidationException> NothingSent(Func<Task> call)
    {
        var before = requestsSent();
        var error = await ExpectThrows<CupiValidationException>(call);
        Expect(requestsSent() == before, $"no request sent, but {requestsSent() - before} were");
        return error;
    }

    private string PhoneSystemId => Need(_phoneSystem, "a phone system").ObjectId!;

    private string TemplateId(TelephonyIntegrationMethod method) => Need(_templates.GetValueOrDefault(method), $"the {method} template").ObjectId!;

    /// <summary>Something an earlier step should have provided.</summary>
    private static T Need<T>(T? value, string what)
        where T : class =>
        value ?? throw new ScenarioException($"{what} is missing (an earlier step failed)");

    private static string Describe(CupiApiException error) => $"{(int)error.StatusCode} {error.ErrorCode}: {error.ErrorMessage}";
}

/// <summary>
/// Shows a bulk phase's progress on the report's live line, synchronously (Progress&lt;T&gt; would post reports
/// to the thread pool, to arrive after the step's own line) and at most ten times a second, plus the last.
/// </summary>
internal sealed class LiveProgress(Report report, string phase) : IProgress<CupiBulkProgress>
{
    private readonly object _lock = new();
    private long _shown;

    public void Report(CupiBulkProgress value)
    {
        lock (_lock)
        {
            var now = Stopwatch.GetTimestamp();
            if (value.Done < value.Total && Stopwatch.GetElapsedTime(_shown, now) < TimeSpan.FromMilliseconds(100))
            {
                return;
            }

            _shown = now;
            report.Progress(string.Create(CultureInfo.InvariantCulture,
                $"{phase}: {value.Done}/{value.Total}, {value.Failed} failed, {value.ItemsPerSecond:0} items/s"));
        }
    }
}
