#if !NET8_0_OR_GREATER
namespace System.Diagnostics.CodeAnalysis;

// The trimming annotations exist in .NET 5+ only (the copies in System.Text.Json's package are internal). The
// netstandard2.0 build compiles the same annotated code with these; only .NET's trimmer reads them.

/// <summary>Which members of a type a trimmer keeps because the code reaches them dynamically.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.ReturnValue | AttributeTargets.GenericParameter | AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Interface | AttributeTargets.Struct, Inherited = false)]
internal sealed class DynamicallyAccessedMembersAttribute(DynamicallyAccessedMemberTypes memberTypes) : Attribute
{
    public DynamicallyAccessedMemberTypes MemberTypes { get; } = memberTypes;
}

/// <summary>The kinds of member a <see cref="DynamicallyAccessedMembersAttribute"/> keeps.</summary>
[Flags]
internal enum DynamicallyAccessedMemberTypes
{
    None = 0,
    PublicParameterlessConstructor = 0x0001,
    PublicConstructors = 0x0002 | PublicParameterlessConstructor,
    NonPublicConstructors = 0x0004,
}

/// <summary>Silences one trimming warning where the code says why it does not apply.</summary>
[AttributeUsage(AttributeTargets.All, Inherited = false, AllowMultiple = true)]
internal sealed class UnconditionalSuppressMessageAttribute(string category, string checkId) : Attribute
{
    public string Category { get; } = category;
    public string CheckId { get; } = checkId;
    public string? Justification { get; set; }
}
#endif
