using System;
using System.Linq;
using CupiGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace CupiGen.Generator.Tests;

/// <summary>x-cupi-client and endpoint preconditions: what is generated and what is reported.</summary>
public class ClientGenerationTests
{
    private static string Schema(string parentClient, string childClient, string resetRequires = "{ \"field\": \"Status\", \"equals\": 100 }") => $$"""
        {
          "x-cupi-namespace": "Shop",
          "$defs": {
            "Store": {
              "type": "object",
              "x-cupi-element": "Store",
              "x-cupi-listElement": "Stores",
              "x-cupi-client": {{parentClient}},
              "x-cupi-endpoints": [
                { "name": "List", "method": "GET", "path": "/vmrest/stores", "query": ["rowsPerPage", "pageNumber", "query", "sort"], "response": { "status": 200, "body": "list" } },
                { "name": "Get", "method": "GET", "path": "/vmrest/stores/{objectId}", "response": { "status": 200, "body": "object" } },
                { "name": "Create", "method": "POST", "path": "/vmrest/stores", "request": { "body": "object" }, "response": { "status": 201, "body": "uri" } },
                { "name": "Update", "method": "PUT", "path": "/vmrest/stores/{objectId}", "request": { "body": "object" }, "response": { "status": 204, "body": "none" } },
                { "name": "Reset", "method": "PUT", "path": "/vmrest/stores/{objectId}/reset", "requires": {{resetRequires}}, "response": { "status": 204, "body": "none" } }
              ],
              "properties": {
                "ObjectId": { "type": "string", "readOnly": true },
                "Name": { "type": "string" },
                "Status": { "type": "integer", "readOnly": true }
              }
            },
            "Shelf": {
              "type": "object",
              "x-cupi-element": "Shelf",
              "x-cupi-listElement": "Shelves",
              "x-cupi-client": {{childClient}},
              "x-cupi-endpoints": [
                { "name": "List", "method": "GET", "path": "/vmrest/stores/{storeObjectId}/shelves", "response": { "status": 200, "body": "list" } },
                { "name": "Delete", "method": "DELETE", "path": "/vmrest/stores/{storeObjectId}/shelves/{objectId}", "response": { "status": 204, "body": "none" } }
              ],
              "properties": {
                "ObjectId": { "type": "string", "readOnly": true }
              }
            }
          }
        }
        """;

    private const string Child = """{ "parent": "Store", "parameter": "storeObjectId", "accessor": "Shelves" }""";

    private static GeneratorRun Run(string text) => GeneratorHarness.Run(new SchemaInput("/schemas/shop.schema.json", text));

    [Fact]
    public void A_project_without_CupiGen_Client_gets_models_and_endpoint_tables_but_no_clients()
    {
        var inputs = new[] { new SchemaInput("/schemas/shop.schema.json", Schema("""{ "name": "Stores" }""", Child)) };
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "CupiGen.ModelsOnly", [], GeneratorHarness.ModelReferences, GeneratorHarness.StrictOptions);
        var run = GeneratorHarness.Run(inputs, compilation);

        Assert.Empty(run.Diagnostics);
        var hints = run.Sources.Select(s => s.HintName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["Shop.CupiModels.g.cs", "Shop.Shelf.Endpoints.g.cs", "Shop.Shelf.Factory.g.cs", "Shop.Shelf.g.cs", "Shop.Store.Endpoints.g.cs", "Shop.Store.Factory.g.cs", "Shop.Store.g.cs"],
            hints);
        Assert.Empty(run.OutputCompilation.GetDiagnostics());

        // The same schema with CupiGen.Client referenced: the clients appear.
        var full = Run(Schema("""{ "name": "Stores" }""", Child));
        Assert.Contains(full.Sources, s => s.HintName == "Shop.Store.Client.g.cs");
        Assert.Contains(full.Sources, s => s.HintName == "Shop.CupiClient.g.cs");
    }

    [Fact]
    public void Clients_are_generated_per_resource_and_compile_strictly()
    {
        var run = Run(Schema("""{ "name": "Stores" }""", Child));
        Assert.Empty(run.Diagnostics);
        var hints = run.Sources.Select(s => s.HintName).ToList();
        Assert.Contains("Shop.CupiClient.g.cs", hints);
        Assert.Contains("Shop.Store.Client.g.cs", hints);
        Assert.Contains("Shop.Shelf.Client.g.cs", hints);
        Assert.Empty(run.OutputCompilation.GetDiagnostics().Where(d => d.Severity != DiagnosticSeverity.Hidden));

        var store = run.Source("Shop.Store.Client.g.cs");
        Assert.Contains("public virtual global::Shop.StoreClient Stores =>", store, StringComparison.Ordinal);
        Assert.Contains("ResetAsync(global::Shop.Store store,", store, StringComparison.Ordinal);
        Assert.Contains("global::CupiGen.CupiTransport.Require(store.Status == 100,", store, StringComparison.Ordinal);
        Assert.Contains("UpdateAsync(global::Shop.Store store,", store, StringComparison.Ordinal);
        var shelf = run.Source("Shop.Shelf.Client.g.cs");
        Assert.Contains("public virtual global::Shop.ShelfClient Shelves(string storeObjectId)", shelf, StringComparison.Ordinal);
        Assert.Contains("Task<global::CupiGen.CupiList<global::Shop.Shelf>> ListPageAsync(global::System.Threading.CancellationToken", shelf, StringComparison.Ordinal);
        // The root has no DI extension when IHttpClientFactory is not referenced.
        Assert.DoesNotContain("AddCupiClient", run.Source("Shop.CupiClient.g.cs"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"Stores\"", Child, "CUPI1008")]                                                            // not an object
    [InlineData("""{ "name": "Stores", "parent": "Store" }""", Child, "CUPI1008")]                          // both forms
    [InlineData("""{ "name": "class" }""", Child, "CUPI1006")]                                              // not an identifier
    [InlineData("""{ "name": "Stores", "colour": "red" }""", Child, "CUPI1007")]                            // unknown member
    [InlineData("{ }", Child, "CUPI1009")]                                                                  // neither form
    [InlineData("""{ "name": "Stores" }""", """{ "parent": "Nowhere", "parameter": "storeObjectId", "accessor": "Shelves" }""", "CUPI1005")]
    [InlineData("""{ "name": "Stores" }""", """{ "parent": "Store", "parameter": "shopId", "accessor": "Shelves" }""", "CUPI1011")]
    [InlineData("""{ "name": "Stores" }""", """{ "parent": "Store", "accessor": "Shelves" }""", "CUPI1009")]
    [InlineData("""{ "name": "Stores" }""", """{ "name": "Stores" }""", "CUPI1003")]                        // duplicate name
    public void Bad_client_values_are_reported(string parent, string child, string id)
    {
        var run = Run(Schema(parent, child));
        Assert.Contains(run.Diagnostics, d => d.Id == id);
        GeneratorHarness.AssertNoException(run);
        // The models are still generated.
        Assert.Contains(run.Sources, s => s.HintName == "Shop.Store.g.cs");
    }

    [Theory]
    [InlineData("""{ "field": "Missing", "equals": 1 }""", "CUPI1005")]
    [InlineData("""{ "field": "Status", "equals": "x" }""", "CUPI1011")]
    [InlineData("""{ "field": "Status" }""", "CUPI1009")]
    [InlineData("[]", "CUPI1008")]
    public void Bad_preconditions_are_reported(string requires, string id)
    {
        var run = Run(Schema("""{ "name": "Stores" }""", Child, requires));
        Assert.Contains(run.Diagnostics, d => d.Id == id);
    }
}
