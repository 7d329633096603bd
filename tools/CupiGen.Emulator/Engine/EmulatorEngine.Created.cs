using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CupiGen.Emulator.Tables;

namespace CupiGen.Emulator.Engine;

internal sealed partial class EmulatorEngine
{
    /// <summary>
    /// What the server adds to a new object, from the table: its ObjectId and URI, links to related objects and
    /// child lists (<c>PhoneSystemURI</c>, <c>PortGroupServerURI</c>), display names copied from the referenced
    /// object, counters at 0 and status enums at their first member, the schema's defaults (where they apply),
    /// then the values every document example of the type shows (seed.json "created").
    /// </summary>
    private void Complete(Resource resource, ICupiModel created, ICupiModel? parent)
    {
        if (resource.ObjectId is { } objectId && !Values.IsPresent(created, objectId))
        {
            Values.Set(created, objectId, Guid.NewGuid().ToString("D"));
        }

        foreach (var field in resource.Info.Fields)
        {
            if (Values.IsPresent(created, field))
            {
                continue;
            }

            if (field.Default is { } value && Applies(field, created))
            {
                Values.Set(created, field, value);
            }
            else if (field.Access == CupiFieldAccess.ReadOnly && ServerValue(resource, field, created) is { } server)
            {
                Values.Set(created, field, server);
            }
        }

        if (_store.Created.TryGetValue(resource, out var rules))
        {
            foreach (var rule in rules.Where(r => Holds(r.When, created) && (r.WhenParent.Count == 0 || (parent is not null && Holds(r.WhenParent, parent)))))
            {
                foreach (var (name, value) in rule.Values)
                {
                    if (resource.Info.FindField(name) is { } field && !Values.IsPresent(created, field) && Applies(field, created))
                    {
                        Values.Set(created, field, value);
                    }
                }
            }
        }

        created.FieldStore.AcceptChanges();
    }

    private static bool Holds(IReadOnlyDictionary<string, string> conditions, ICupiModel model) =>
        conditions.All(c => string.Equals(Values.Get(model, c.Key), c.Value, StringComparison.OrdinalIgnoreCase));

    // A field whose applicability names other kinds of object is left out (SIP fields on an SCCP port group).
    private static bool Applies(CupiFieldInfo field, ICupiModel model) =>
        field.AppliesTo is not { } condition ||
        (Values.Get(model, model.ModelInfo.Fields[condition.Field]) is { } kind && condition.Values.Contains(kind));

    private string? ServerValue(Resource resource, CupiFieldInfo field, ICupiModel created)
    {
        var name = field.WireName;
        if (field == resource.Uri)
        {
            return ObjectUri(resource, created);
        }

        if (name.EndsWith("URI", StringComparison.Ordinal) && _store.Referenced(resource, name[..^"URI".Length]) is { } linked)
        {
            // PhoneSystemURI: the URI of the object a reference field names.
            var reference = resource.Info.Fields.FirstOrDefault(f => f.References == linked.Name && Values.IsPresent(created, f));
            if (reference is not null && _store.FindById(linked, Values.Get(created, reference)) is { } target)
            {
                return (linked.Uri is { } uri ? Values.Get(target, uri) : null) ?? ObjectUri(linked, target);
            }

            // PortGroupServerURI: the list of the children that live under this object.
            if (linked.Parent == resource && RouteTable.ListRoute(linked) is { } list && linked.ParentParameter is { } parameter)
            {
                return list.Expand(new Dictionary<string, string>(StringComparer.Ordinal) { [parameter] = _store.IdOf(resource, created) });
            }

            return null;
        }

        if (name.EndsWith("DisplayName", StringComparison.Ordinal) && name != "DisplayName")
        {
            // MediaSwitchDisplayName: the DisplayName of the object MediaSwitchObjectId names.
            var idField = resource.Info.FindField(name[..^"DisplayName".Length] + "ObjectId");
            if (idField?.References is not null && _store.Referenced(resource, idField.References) is { } owner &&
                _store.FindById(owner, Values.Get(created, idField)) is { } named)
            {
                return Values.Get(named, "DisplayName");
            }

            return null;
        }

        return field.Kind switch
        {
            CupiFieldKind.Enum => field.EnumValues.Count > 0 ? field.EnumValues[0].ToString(CultureInfo.InvariantCulture) : "0",
            CupiFieldKind.Integer => "0",
            _ => null,
        };
    }

    /// <summary>
    /// A create-only field of the new object that a child model has as a writable field (the port group's
    /// <c>HostOrIPAddress</c> and its servers) becomes the first child: the server creates the port group's
    /// default server from it. The field itself is not kept on the object, as no response shows it.
    /// </summary>
    private void CreateDefaultChildren(Resource resource, ICupiModel created)
    {
        foreach (var child in Routes.Resources.Where(r => r.Parent == resource && r.ParentField is not null))
        {
            foreach (var field in resource.Info.Fields.Where(f => f.Access == CupiFieldAccess.CreateOnly && Values.IsPresent(created, f)))
            {
                if (child.Info.FindField(field.WireName) is not { Access: CupiFieldAccess.ReadWrite } childField)
                {
                    continue;
                }

                var record = child.Info.CreateInstance();
                Values.Set(record, child.ParentField!, _store.IdOf(resource, created));
                Values.Set(record, childField, Values.Get(created, field));
                Complete(child, record, created);
                _store.Objects(child).Add(record);
                Values.Set(created, field, null);
            }
        }

        created.FieldStore.AcceptChanges();
    }
}
