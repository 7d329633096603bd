namespace CupiGen.Generator.Emit;

/// <summary>
/// Emits a model's <c>Validate</c> methods (into the model's file). The rules are not code here: the runtime's one
/// rule engine (<c>CupiValidator</c>) evaluates them from the model's table.
/// </summary>
internal static class ValidationEmitter
{
    private const string Runtime = "global::CupiGen";

    public static void WriteMethods(SourceWriter w)
    {
        w.DocRaw("<inheritdoc/>");
        w.Line($"public {Runtime}.CupiValidationResult Validate({Runtime}.CupiOperation operation) => {Runtime}.CupiValidator.Validate(this, operation, null);");
        w.Line();

        w.Doc("summary", "Checks the present fields for an operation, also running the rules that compare related objects.");
        w.Doc("param", "What the object is about to be used for, or where it came from.", "name=\"operation\"");
        w.Doc("param", "Related objects by id (templates, SIP security profiles, …); a rule needing an unknown one is skipped.", "name=\"context\"");
        w.Doc("returns", "One entry per problem.");
        w.Line($"public {Runtime}.CupiValidationResult Validate({Runtime}.CupiOperation operation, {Runtime}.CupiValidationContext? context) =>");
        w.Line($"    {Runtime}.CupiValidator.Validate(this, operation, context);");
        w.Line();
    }
}
