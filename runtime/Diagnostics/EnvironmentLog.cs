using System;
using Microsoft.Extensions.Logging;

namespace Telnyx.Sip.Runtime;

/// <summary>
/// Logging for those who configured none: <c>TELNYX_LOG=info</c> or <c>debug</c> writes the client's lines to standard
/// error, as the official Telnyx SDKs do. This is the only place that reads the variable.
/// </summary>
internal static class EnvironmentLog
{
    /// <summary>The environment variable that turns console logging on.</summary>
    public const string Variable = "TELNYX_LOG";

    /// <summary>A logger for the level <see cref="Variable"/> names, or null when it is unset or unknown.</summary>
    public static ILogger? Create(string category)
    {
        LogLevel? level = Environment.GetEnvironmentVariable(Variable)?.Trim().ToLowerInvariant() switch
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
