using System;
using System.Runtime.CompilerServices;

namespace Telnyx.Sip.Runtime;

/// <summary>Comparison whose time does not depend on where two byte strings first differ.</summary>
internal static class ConstantTime
{
#if NET8_0_OR_GREATER
    public static bool Equals(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(left, right);
#else
    /// <summary>The same loop as .NET's <c>CryptographicOperations.FixedTimeEquals</c>: every byte is visited.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
    public static bool Equals(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        int difference = 0;
        for (int i = 0; i < left.Length; i++)
        {
            difference |= left[i] - right[i];
        }

        return difference == 0;
    }
#endif
}
