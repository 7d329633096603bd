using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;

namespace CupiGen.Package.Tests;

/// <summary>
/// Packs CupiGen from a copy of the repository's sources, then builds and runs consumer projects that know
/// nothing but the package. Slow (a few dotnet invocations), so it is one class sharing one pack.
/// </summary>
public sealed class PackageEndToEndTests : IClassFixture<PackedPackage>
{
    private readonly PackedPackage _package;

    public PackageEndToEndTests(PackedPackage package) => _package = package;

    [Fact]
    public void Package_has_the_documented_layout()
    {
        using var zip = ZipFile.OpenRead(_package.NupkgPath);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("analyzers/dotnet/cs/CupiGen.Generator.dll", entries);
        Assert.Contains("lib/net8.0/CupiGen.dll", entries);
        Assert.Contains("lib/net10.0/CupiGen.dll", entries);
        Assert.Contains("schema/cupi-portgroups.schema.json", entries);
        Assert.Contains("buildTransitive/CupiGen.props", entries);
        Assert.Contains("buildTransitive/CupiGen.targets", entries);

        // The generator, analyzers and code fixes carry no dependency dlls: only their own assemblies.
        Assert.Equal(
            ["analyzers/dotnet/cs/CupiGen.Analyzers.dll", "analyzers/dotnet/cs/CupiGen.CodeFixes.dll", "analyzers/dotnet/cs/CupiGen.Generator.dll"],
            entries.Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray());

        var text = Nuspec(zip);
        Assert.DoesNotContain("Microsoft.CodeAnalysis", text, StringComparison.Ordinal);

        // Models only: no HTTP, DI, Polly or logging packages for a project that just parses CUPI payloads.
        Assert.DoesNotContain("<dependency ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("lib/net8.0/CupiGen.Client.dll", entries);
    }

    [Fact]
    public void The_client_package_carries_the_transport_and_depends_on_CupiGen()
    {
        using var zip = ZipFile.OpenRead(_package.ClientNupkgPath);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("lib/net8.0/CupiGen.Client.dll", entries);
        Assert.Contains("lib/net10.0/CupiGen.Client.dll", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("analyzers/", StringComparison.Ordinal));
        Assert.DoesNotContain("lib/net10.0/CupiGen.dll", entries);

        var text = Nuspec(zip);
        Assert.Contains($"<dependency id=\"CupiGen\" version=\"{_package.Version}\"", text, StringComparison.Ordinal);
        Assert.Contains("<dependency id=\"Polly.Core\"", text, StringComparison.Ordinal);
        Assert.Contains("<dependency id=\"Microsoft.Extensions.Http\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_project_with_only_the_models_package_gets_models_but_no_clients()
    {
        var project = _package.CreateConsumer("ModelsOnly", extraItems: string.Empty, program: """
            using System;
            using Cupi;

            var group = PortGroup.FromJson("{\"DisplayName\":\"demo\"}");
            var info = ((CupiGen.ICupiModel)group).ModelInfo;
            Console.WriteLine($"{group.DisplayName}|{info.Endpoints.Count}|{info.Client?.Name}|{Type.GetType("Cupi.CupiClient") is null}|{Type.GetType("Cupi.PortGroupClient") is null}");
            """);

        var output = _package.BuildAndRun(project);

        Assert.Equal("demo|7|PortGroups|True|True", output.Trim());
    }

    [Fact]
    public void A_project_with_only_the_client_package_gets_the_whole_api_and_the_clients()
    {
        var project = _package.CreateConsumer("ClientOnly", extraItems: string.Empty, package: "CupiGen.Client", program: """
            using System;
            using Cupi;
            using CupiGen;

            var options = new CupiClientOptions { BaseAddress = new Uri("https://cuc.example.invalid"), UserName = "admin", Password = "secret" };
            var client = new CupiClient(options);
            var group = PortGroup.FromXml("<PortGroup><DisplayName>demo</DisplayName></PortGroup>");
            Console.WriteLine($"{group.DisplayName}|{client.PortGroups.GetType().Name}|{client.PortGroups.Servers("x").GetType().Name}");
            """);

        var output = _package.BuildAndRun(project);

        Assert.Equal("demo|PortGroupClient|PortGroupServerClient", output.Trim());
    }

    private static string Nuspec(ZipArchive zip)
    {
        var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var reader = new StreamReader(nuspec.Open());
        return reader.ReadToEnd();
    }

    [Fact]
    public void A_project_with_only_the_package_reference_gets_the_whole_api()
    {
        var project = _package.CreateConsumer("Consumer", extraItems: string.Empty, program: """
            using System;
            using Cupi;

            var list = PortGroup.ListFromJson("{\"@total\":\"1\",\"PortGroup\":{\"DisplayName\":\"demo\",\"TelephonyIntegrationMethodEnum\":\"2\",\"PortCount\":\"2\"}}");
            var templates = PortGroupTemplate.ListFromXml("<PortGroupTemplates total=\"1\"><PortGroupTemplate><TemplateDescriptionDefault>SIP</TemplateDescriptionDefault></PortGroupTemplate></PortGroupTemplates>");
            var codec = new PortGroupCodec { PreferredPacketSizeMs = 20 };
            Console.WriteLine($"{list.Total}|{list[0].DisplayName}|{list[0].TelephonyIntegrationMethodEnum}|{list[0].PortCount}|{templates[0].TemplateDescriptionDefault}|{codec.ToXml()}");
            """);

        var output = _package.BuildAndRun(project);

        Assert.Equal("1|demo|Sip|2|SIP|<PortGroupCodec><PreferredPacketSizeMs>20</PreferredPacketSizeMs></PortGroupCodec>", output.Trim());
    }

    [Fact]
    public void A_project_can_add_its_own_schema_and_drop_the_default()
    {
        var schemaPath = Path.Combine(_package.WorkRoot, "Widgets", "widgets.schema.json");
        Directory.CreateDirectory(Path.GetDirectoryName(schemaPath)!);
        File.WriteAllText(schemaPath, """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "x-cupi-namespace": "Contoso.Widgets",
              "$defs": {
                "Widget": {
                  "type": "object",
                  "x-cupi-element": "Widget",
                  "x-cupi-listElement": "Widgets",
                  "properties": {
                    "ObjectId": { "type": "string", "readOnly": true },
                    "Size": { "type": "integer", "minimum": 1, "maximum": 9 }
                  }
                }
              }
            }
            """);

        var project = _package.CreateConsumer(
            "Widgets",
            extraItems: """
                <PropertyGroup><CupiGenIncludeDefaultSchema>false</CupiGenIncludeDefaultSchema></PropertyGroup>
                <ItemGroup><CupiGenSchema Include="widgets.schema.json" /></ItemGroup>
                """,
            program: """
                using System;
                var widget = Contoso.Widgets.Widget.FromJson("{\"Size\":\"3\"}");
                // The default schema is off, so Cupi.PortGroup must not exist.
                var portGroup = Type.GetType("Cupi.PortGroup");
                Console.WriteLine($"{widget.Size}|{portGroup is null}");
                """);

        var output = _package.BuildAndRun(project);

        Assert.Equal("3|True", output.Trim());
    }

    [Fact]
    public void Namespace_metadata_on_a_schema_item_overrides_the_schema_namespace()
    {
        // The shipped schema says x-cupi-namespace "Cupi"; the item's Namespace metadata must win over it.
        var project = _package.CreateConsumer(
            "Renamed",
            extraItems: """
                <PropertyGroup><CupiGenIncludeDefaultSchema>false</CupiGenIncludeDefaultSchema></PropertyGroup>
                <ItemGroup><CupiGenSchema Include="$(CupiGenDefaultSchema)" Namespace="Fabrikam.Voicemail" /></ItemGroup>
                """,
            program: """
                using System;
                var portGroup = Fabrikam.Voicemail.PortGroup.FromJson("{\"DisplayName\":\"renamed\"}");
                Console.WriteLine($"{portGroup.DisplayName}|{Type.GetType("Cupi.PortGroup") is null}");
                """);

        var output = _package.BuildAndRun(project);

        Assert.Equal("renamed|True", output.Trim());
    }

    [Fact]
    public void A_broken_schema_fails_the_build_with_a_located_diagnostic()
    {
        var project = _package.CreateConsumer(
            "Broken",
            extraItems: """<ItemGroup><CupiGenSchema Include="broken.schema.json" /></ItemGroup>""",
            program: "System.Console.WriteLine();");
        File.WriteAllText(Path.Combine(project, "broken.schema.json"), "{\n  \"x-cupi-namespace\": \"Broken\",\n  \"$defs\": {\n    \"Thing\": { \"type\": \"object\", \"x-cupi-element\": \"Thing\", \"x-cupi-listElement\": \"Things\",\n      \"properties\": { \"When\": { \"type\": \"date\" } } }\n  }\n}\n");

        var (exitCode, output) = _package.Build(project);

        Assert.NotEqual(0, exitCode);
        // MSBuild prints file(line,col): error ID: the type token "date" starts on line 5, column 41.
        Assert.Contains("broken.schema.json(5,41): error CUPI1002", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_cupi_usage_fails_the_build_with_the_analyzers_ids()
    {
        var project = _package.CreateConsumer("Misuse", extraItems: string.Empty, program: """
            using Cupi;

            var existing = PortGroup.FromJson("{}");
            existing.ObjectId = "5bfd3bae-0c37-4d20-8066-c3065431fc41";
            var request = new PortGroup { EnableMWI = true, MwiMaxConcurrentRequests = 300 };
            System.Console.WriteLine(request.ToJson() + existing.ToJson());
            """);

        var (exitCode, output) = _package.Build(project);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Program.cs(4,1): error CUPI2001", output, StringComparison.Ordinal);
        Assert.Contains("Program.cs(5,76): error CUPI2003", output, StringComparison.Ordinal);
    }
}

/// <summary>Packs the package once for the test class, into a scratch folder outside the repository.</summary>
public sealed class PackedPackage : IDisposable
{
    private readonly string _feed;
    private readonly string _packages;
    private readonly string _version;

    public PackedPackage()
    {
        WorkRoot = Path.Combine(Path.GetTempPath(), "cupigen-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        _feed = Path.Combine(WorkRoot, "feed");
        _packages = Path.Combine(WorkRoot, "packages");
        Directory.CreateDirectory(_feed);

        // A unique version: the scratch NuGet cache can never hold a stale package of the same number.
        _version = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);

        // Pack from a copy of the sources so this test never races the solution build over bin/ and obj/.
        var repo = FindRepositoryRoot();
        var source = Path.Combine(WorkRoot, "src");
        foreach (var part in new[] { "generator", "runtime", "schema" })
        {
            CopyDirectory(Path.Combine(repo, part), Path.Combine(source, part));
        }

        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", ".editorconfig", "README.md", "global.json" })
        {
            if (File.Exists(Path.Combine(repo, file)))
            {
                File.Copy(Path.Combine(repo, file), Path.Combine(source, file));
            }
        }

        foreach (var project in new[] { "runtime/CupiGen/CupiGen.csproj", "runtime/CupiGen.Client/CupiGen.Client.csproj" })
        {
            var (exitCode, output) = Dotnet(source, $"pack {project} -c Release -o \"{_feed}\" -p:Version={_version}");
            Assert.True(exitCode == 0, $"dotnet pack {project} failed:\n" + output);
        }

        NupkgPath = Path.Combine(_feed, $"CupiGen.{_version}.nupkg");
        ClientNupkgPath = Path.Combine(_feed, $"CupiGen.Client.{_version}.nupkg");
        Assert.True(File.Exists(NupkgPath), "no package at " + NupkgPath);
        Assert.True(File.Exists(ClientNupkgPath), "no package at " + ClientNupkgPath);
    }

    public string Version => _version;

    public string ClientNupkgPath { get; }

    public string WorkRoot { get; }

    public string NupkgPath { get; }

    public string CreateConsumer(string name, string extraItems, string program, string package = "CupiGen")
    {
        var dir = Path.Combine(WorkRoot, name);
        Directory.CreateDirectory(dir);
        // The package's own dependencies (Microsoft.Extensions.Http, …) come from the scratch cache that packing
        // the package filled, a folder feed too: restoring the consumer needs no network.
        File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{_feed}" />
                <add key="restored" value="{_packages}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(dir, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <!-- The trimming and Native AOT analyzers over the consumer and everything generated into it:
                     both package shapes must stay AOT-safe (a full native publish is the sample's job). -->
                <EnableTrimAnalyzer>true</EnableTrimAnalyzer>
                <EnableAotAnalyzer>true</EnableAotAnalyzer>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{package}" Version="{_version}" />
              </ItemGroup>
              {extraItems}
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "Program.cs"), program);
        return dir;
    }

    public (int ExitCode, string Output) Build(string project) => Dotnet(project, "build -c Release");

    public string BuildAndRun(string project)
    {
        var (buildCode, buildOutput) = Build(project);
        Assert.True(buildCode == 0, "consumer build failed:\n" + buildOutput);
        var (runCode, runOutput) = Dotnet(project, "run -c Release --no-build");
        Assert.True(runCode == 0, "consumer run failed:\n" + runOutput);
        return runOutput;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkRoot, recursive: true);
        }
        catch (IOException)
        {
            // A scratch folder left behind in the temp directory is harmless.
        }
    }

    private (int ExitCode, string Output) Dotnet(string workingDirectory, string arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments + " -nologo")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Isolate NuGet and MSBuild from the repository's build: a scratch package cache, no build servers,
        // and no inherited MSBuild state from the test host.
        start.Environment["NUGET_PACKAGES"] = _packages;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        foreach (var key in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "VSTEST_HOST_DEBUG" })
        {
            start.Environment.Remove(key);
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, output + "\n(timed out after 5 minutes)");
        }

        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CupiGen.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("CupiGen.sln not found above " + AppContext.BaseDirectory);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Contains("bin") || parts.Contains("obj"))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
