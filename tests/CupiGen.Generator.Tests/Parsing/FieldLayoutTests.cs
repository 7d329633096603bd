using System.Linq;
using CupiGen.Generator.Model;
using CupiGen.Generator.Parsing;
using CupiGen.Generator.Tests.Infrastructure;

namespace CupiGen.Generator.Tests.Parsing;

/// <summary>The spec says where each field lives and what points at it; emitters only read that.</summary>
public class FieldLayoutTests
{
    private static ParseResult Shipped() =>
        SchemaParser.ParseLocal(new SchemaFile(TestSchemas.ShippedPath, TestPaths.ReadShippedSchema(), null), default).Result;

    [Fact]
    public void Fields_carry_their_index_and_storage_slot()
    {
        var result = Shipped();
        Assert.Equal(8, result.Resources.Count);
        foreach (var resource in result.Resources)
        {
            int texts = 0, numbers = 0;
            for (var i = 0; i < resource.Fields.Count; i++)
            {
                var field = resource.Fields[i];
                Assert.Equal(i, field.Index);
                var expected = field.Kind switch
                {
                    FieldKind.String => texts++,
                    FieldKind.Boolean => -1,
                    _ => numbers++,
                };
                Assert.Equal(expected, field.Slot);
            }

            Assert.Equal((texts, numbers), FieldLayout.SlotCounts(resource));
        }

        var portGroup = result.Resources.Single(r => r.TypeName == "PortGroup");
        Assert.Contains(portGroup.Fields, f => f.Kind == FieldKind.Boolean && f.Slot == -1);
        Assert.Contains(portGroup.Fields, f => f.Kind == FieldKind.Enum && f.Slot >= 0);
    }

    [Fact]
    public void Conditions_and_required_fields_point_at_fields_by_index()
    {
        var result = Shipped();
        var conditions = 0;
        foreach (var resource in result.Resources)
        {
            foreach (var condition in resource.Fields.SelectMany(f => new[] { f.Pertinence, f.AppliesTo, f.Matches }).OfType<ConditionSpec>())
            {
                conditions++;
                Assert.Equal(condition.Field, resource.Fields[condition.FieldIndex].WireName);
                Assert.Equal(condition.FieldKind, resource.Fields[condition.FieldIndex].Kind);
            }
        }

        Assert.True(conditions > 10, $"only {conditions} conditions");
        var portGroup = result.Resources.Single(r => r.TypeName == "PortGroup");
        Assert.Equal(
            ["DisplayName", "MediaSwitchObjectId", "MediaPortGroupTemplateObjectId", "TelephonyIntegrationMethodEnum", "HostOrIPAddress"],
            portGroup.RequiredOnCreate.Select(i => portGroup.Fields[i].WireName));
    }
}
