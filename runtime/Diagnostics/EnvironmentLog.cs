using System;
using Microsoft.Extensions.Logging;

namespace Telnyx.Sip.Runtime;

/// <summary>
/// Logging for those who configured none: the variable the spec names with <c>x-log-env</c> (the Telnyx SIP spec:
/// <c>TELNYX_LOG</c>, as the official Telnyx SDKs) set to <c>info</c> or <c>debug</c> writes the client's lines to
/// standard error. A spec that names no variable gets no console logging. This is the only place that reads it.
/// </summary>
internal static class EnvironmentLog
{
    /// <summary>A logger for the level <paramref name="variable"/> names, or null when it is null, unset or unknown.</summary>
    public static ILogger? Create(string category, string? variable)
    {
        LogLevel? level = (variable is null ? null : Environment.GetEnvironmentVariable(variable))?.Trim().ToLowerInvariant() switch
        {
            "debug" => LogLevel.Debug,
            "info" => LogLevel.Information,
            "warn" or "warning" => LogLevel.Warning,
            "error" => LogLevel.Error,
            _ => null,
        };
        return level is { } minimum ? new StandardErrorLogger(category, minimum) : null;
    }

    private sealed class StandardErrorLogger(string category, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            string level = logLevel switch
            {
                LogLevel.Trace => "trace",
                LogLevel.Debug => "debug",
                LogLevel.Information => "info",
                LogLevel.Warning => "warn",
                LogLevel.Error => "error",
                _ => "crit",
            };
            Console.Error.WriteLine($"[{category}] {level}: {formatter(state, exception)}");
        }
    }
}
