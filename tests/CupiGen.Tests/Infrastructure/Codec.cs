using System;
using System.Collections.Generic;
using System.Linq;
using CupiGen;

namespace CupiGen.Tests.Infrastructure;

/// <summary>
/// The generated entry points of one model type behind a type-erased face, so a theory over the fixtures can
/// read and write whichever resource a fixture holds.
/// </summary>
public sealed class Codec
{
    private static readonly Dictionary<string, Codec> ByResource = new(StringComparer.Ordinal)
    {
        ["PortGroup"] = Create(Cupi.PortGroup.FromXml, Cupi.PortGroup.FromJson, Cupi.PortGroup.ListFromXml, Cupi.PortGroup.ListFromJson, m => m.ToXml(), m => m.ToJson()),
        ["PortGroupTemplate"] = Create(Cupi.PortGroupTemplate.FromXml, Cupi.PortGroupTemplate.FromJson, Cupi.PortGroupTemplate.ListFromXml, Cupi.PortGroupTemplate.ListFromJson, m => m.ToXml(), m => m.ToJson()),
        ["PortGroupServer"] = Create(Cupi.PortGroupServer.FromXml, Cupi.PortGroupServer.FromJson, Cupi.PortGroupServer.ListFromXml, Cupi.PortGroupServer.ListFromJson, m => m.ToXml(), m => m.ToJson()),
        ["PortGroupCodec"] = Create(Cupi.PortGroupCodec.FromXml, Cupi.PortGroupCodec.FromJson, Cupi.PortGroupCodec.ListFromXml, Cupi.PortGroupCodec.ListFromJson, m => m.ToXml(), m => m.ToJson()),
        ["RtpCodecDef"] = Create(Cupi.RtpCodecDef.FromXml, Cupi.RtpCodecDef.FromJson, Cupi.RtpCodecDef.ListFromXml, Cupi.RtpCodecDef.ListFromJson, m => m.ToXml(), m => m.ToJson()),
        ["PhoneSystem"] = Create(Cupi.PhoneSystem.FromXml, Cupi.PhoneSystem.FromJson, Cupi.PhoneSystem.ListFromXml, Cupi.PhoneSystem.ListFromJson, m => m.ToXml(), m => m.ToJson()),
        ["SipSecurityProfile"] = Create(Cupi.SipSecurityProfile.FromXml, Cupi.SipSecurityProfile.FromJson, Cupi.SipSecurityProfile.ListFromXml, Cupi.SipSecurityProfile.ListFromJson, m => m.ToXml(), m => m.ToJson()),
        ["SipCertificate"] = Create(Cupi.SipCertificate.FromXml, Cupi.SipCertificate.FromJson, Cupi.SipCertificate.ListFromXml, Cupi.SipCertificate.ListFromJson, m => m.ToXml(), m => m.ToJson()),
    };

    private Codec()
    {
    }

    public required Type ModelType { get; init; }

    public required Func<string, object> FromXml { get; init; }

    public required Func<string, object> FromJson { get; init; }

    public required Func<string, ErasedList> ListFromXml { get; init; }

    public required Func<string, ErasedList> ListFromJson { get; init; }

    public required Func<object, string> ToXml { get; init; }

    public required Func<object, string> ToJson { get; init; }

    /// <summary>CupiSerializer.ListToXml with the list's own total.</summary>
    public required Func<ErasedList, string> ListToXml { get; init; }

    /// <summary>CupiSerializer.ListToJson with the list's own total.</summary>
    public required Func<ErasedList, string> ListToJson { get; init; }

    public static IEnumerable<string> Resources => ByResource.Keys;

    public static Codec For(string resource) => ByResource[resource];

    public object Read(string text, bool xml) => xml ? FromXml(text) : FromJson(text);

    public ErasedList ReadList(string text, bool xml) => xml ? ListFromXml(text) : ListFromJson(text);

    public string Write(object model, bool xml) => xml ? ToXml(model) : ToJson(model);

    public string WriteList(ErasedList list, bool xml) => xml ? ListToXml(list) : ListToJson(list);

    private static Codec Create<T>(
        Func<string, T> fromXml,
        Func<string, T> fromJson,
        Func<string, CupiList<T>> listFromXml,
        Func<string, CupiList<T>> listFromJson,
        Func<T, string> toXml,
        Func<T, string> toJson)
        where T : class, ICupiModel<T>
    {
        static CupiList<T> Typed(ErasedList list) => new(list.Items.Cast<T>(), list.Total);

        return new Codec
        {
            ModelType = typeof(T),
            FromXml = fromXml,
            FromJson = fromJson,
            ListFromXml = text => ErasedList.From(listFromXml(text)),
            ListFromJson = text => ErasedList.From(listFromJson(text)),
            ToXml = model => toXml((T)model),
            ToJson = model => toJson((T)model),
            ListToXml = list => CupiSerializer.ListToXml(Typed(list)),
            ListToJson = list => CupiSerializer.ListToJson(Typed(list)),
        };
    }
}

/// <summary>A <see cref="CupiList{T}"/> with its item type erased.</summary>
public sealed record ErasedList(IReadOnlyList<object> Items, int Total)
{
    public static ErasedList From<T>(CupiList<T> list) => new([.. list.Cast<object>()], list.Total);
}
