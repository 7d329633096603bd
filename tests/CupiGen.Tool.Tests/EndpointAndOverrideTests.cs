using System.Linq;
using System.Text.Json.Nodes;
using CupiGen.Tool.Extract;
using CupiGen.Tool.Page;
using CupiGen.Tool.Schema;
using CupiGen.Tool.Tests.Infrastructure;

namespace CupiGen.Tool.Tests;

/// <summary>Endpoints from request examples, the overrides' ops, and the writer's format.</summary>
public sealed class EndpointAndOverrideTests
{
    private const string H = "Cisco_Unity_Connection_Provisioning_Interface_(CUPI)_API_--_Widgets";

    private static readonly string WidgetPage = string.Join("\n",
        "Contents", "", "- [1 Listing Widgets](#)", "- [2 Adding a Widget](#)", "- [3 Widget Parts](#)", "- [4 Rebooting a Widget](#)", "",
        H, "",
        "Listing Widgets", "",
        "The following is an example of the GET request that lists the widgets:", "",
        "```", "https://<server>/vmrest/widgetz", "```", "",
        "```", "<Widgets total=\"1\">", "<Widget>", "<ObjectId>0f3c5e7a-1b2d-4c6e-8f90-a1b2c3d4e5f6</ObjectId>", "<Enabled>true</Enabled>", "</Widget>", "</Widgets>", "```", "",
        "RESPONSE Code: 201", "",
        "Adding a Widget", "",
        "```", "POST https://<connection-server>/vmrest/widgetz/<objectId>", "Request Body:",
        "<Widget><Enabled>true</Enabled><Label>a</Label></Widget>", "```", "",
        "Note: The <objectId> is the id of your media switch.", "",
        "Response Code: 201", "/vmrest/widgetz/0f3c5e7a-1b2d-4c6e-8f90-a1b2c3d4e5f6", "",
        "Widget Parts", "",
        "```", "PUT https://<connection-server>/vmrest/widgetz/<widgetId>/widgetparts/<objectId>", "Request Body:",
        "<WidgetPart><Size>3</Size></WidgetPart>", "```", "",
        "Response Code: 204", "",
        "Rebooting a Widget", "",
        "A widget can be rebooted when the State field value is 2 by sending a PUT request.", "",
        "```", "PUT https://<connection-server>/vmrest/widgetz/<objectId>/reboot", "Request Body:", "Not required", "```", "",
        "Response Code: 204", "");

    private static JsonObject Extract() =>
        SchemaExtractor.Extract(CupiPage.Parse(WidgetPage, "widgets.txt"), "Widgets", "widgets.schema.json").Schema;

    [Fact]
    public void Endpoints_take_verb_path_parameters_status_and_body_kind_from_the_requests()
    {
        var defs = (JsonObject)Extract()["$defs"]!;
        var widget = (JsonArray)defs["Widget"]!["x-cupi-endpoints"]!;
        Assert.Equal(new[] { "List", "CreateForMediaSwitch", "Reboot" }, widget.Select(e => (string)e!["name"]!).ToArray());
        var list = widget[0]!;
        Assert.Equal("/vmrest/widgetz", (string?)list["path"]);
        Assert.Equal("/vmrest/widgets", (string?)list["alternatePaths"]![0]);           // the path as the element names spell it
        Assert.Equal("{\"status\":200,\"body\":\"list\"}", list["response"]!.ToJsonString()); // a GET answers 200, whatever the page says
        Assert.Equal("/vmrest/widgetz/{mediaSwitchObjectId}", (string?)widget[1]!["path"]);
        Assert.Equal("{\"status\":201,\"body\":\"uri\"}", widget[1]!["response"]!.ToJsonString());
        var reboot = widget[2]!;
        Assert.Equal("PUT", (string?)reboot["method"]);
        Assert.Equal("{\"body\":\"none\"}", reboot["request"]!.ToJsonString());
        Assert.Equal("{\"field\":\"State\",\"equals\":2}", reboot["requires"]!.ToJsonString());

        var part = defs["WidgetPart"]!;
        Assert.Equal("/vmrest/widgetz/{widgetObjectId}/widgetparts/{objectId}", (string?)part["x-cupi-endpoints"]![0]!["path"]);
        Assert.Equal("WidgetParts", (string?)part["x-cupi-listElement"]);                // convention when no list is shown
    }

    [Fact]
    public void Overrides_rename_a_definition_with_its_refs_insert_into_arrays_and_move_members()
    {
        var schema = (JsonObject)JsonNode.Parse("""
            { "$defs": {
                "A": { "type": "object", "x-cupi-element": "A", "x-cupi-endpoints": [ { "name": "List" } ],
                       "properties": { "X": { "$ref": "#/$defs/E" }, "Y": { "type": "string" } } },
                "E": { "type": "integer", "oneOf": [ { "const": 1, "title": "One" } ] } } }
            """)!;
        var provenance = new Provenance();
        provenance.Record("/$defs/A/x-cupi-endpoints/0", new Source(Source.PageOrigin, 7, "request"));
        var overrides = JsonNode.Parse("""
            { "overrides": [
                { "decision": 1, "op": "rename", "path": "/$defs/E", "to": "Mode" },
                { "decision": 2, "op": "insert", "path": "/$defs/A/x-cupi-endpoints/0", "value": { "name": "Get" } },
                { "decision": 3, "op": "move", "path": "/$defs/A/properties/Y", "first": true },
                { "decision": 4, "op": "set", "path": "/$defs/A/properties/Z", "after": "Y", "value": { "type": "boolean" } }
            ] }
            """)!;
        Assert.Equal(4, Overrides.Apply(schema, overrides, provenance, "o.json"));
        Assert.Equal("#/$defs/Mode", (string?)schema["$defs"]!["A"]!["properties"]!["X"]!["$ref"]);
        Assert.Equal(new[] { "A", "Mode" }, ((JsonObject)schema["$defs"]!).Select(d => d.Key).ToArray());
        Assert.Equal(new[] { "Get", "List" }, ((JsonArray)schema["$defs"]!["A"]!["x-cupi-endpoints"]!).Select(e => (string)e!["name"]!).ToArray());
        Assert.Equal(new[] { "Y", "Z", "X" }, ((JsonObject)schema["$defs"]!["A"]!["properties"]!).Select(p => p.Key).ToArray());
        // The page's endpoint moved to index 1 and kept its source; the inserted one is an override's.
        Assert.Equal(7, provenance.SourceOf("/$defs/A/x-cupi-endpoints/1/name")!.Line);
        Assert.Equal(Source.OverrideOrigin, provenance.SourceOf("/$defs/A/x-cupi-endpoints/0/name")!.Origin);
    }

    [Fact]
    public void The_writer_puts_keywords_in_order_and_clients_on_one_line()
    {
        var schema = (JsonObject)JsonNode.Parse("""
            { "$defs": { "A": { "properties": { "Id": { "description": "Id \"quoted\" \\ <b>", "format": "uuid", "maxLength": 36, "type": "string" } },
                                 "x-cupi-client": { "name": "As" }, "type": "object" } }, "$schema": "s" }
            """)!;
        SchemaWriter.Canonicalize(schema);
        Assert.Equal("""
            {
              "$schema": "s",
              "$defs": {
                "A": {
                  "type": "object",
                  "x-cupi-client": { "name": "As" },
                  "properties": {
                    "Id": {
                      "type": "string",
                      "maxLength": 36,
                      "format": "uuid",
                      "description": "Id \"quoted\" \\ <b>"
                    }
                  }
                }
              }
            }

            """.Replace("\r\n", "\n"), SchemaWriter.Write(schema));
    }
}
