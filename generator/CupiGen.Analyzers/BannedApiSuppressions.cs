using System.Diagnostics.CodeAnalysis;

// KnownAttributes is built once per compilation (in CompilationStart) and then only read: it is the cached place
// for the rule attributes' lookups that ../BannedSymbols.txt asks for.
[assembly: SuppressMessage(
    "ApiDesign",
    "RS0030:Do not use banned APIs",
    Justification = "The per-compilation cache of the rule attribute symbols: each name is looked up once per compilation.",
    Scope = "type",
    Target = "~T:CupiGen.Analyzers.CupiUsageAnalyzer.KnownAttributes")]
