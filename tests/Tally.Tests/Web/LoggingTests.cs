using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Tally.Tests.Web;

public sealed class LoggingTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    [Fact]
    public void ConsoleLogging_Configured_IsJsonWithScopes()
    {
        var console = app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        var json = app.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;

        Assert.Equal(ConsoleFormatterNames.Json, console.FormatterName);
        Assert.True(json.IncludeScopes);
    }

    [Fact]
    public async Task LogLine_DuringRequest_CarriesRequestIdAndTraceId()
    {
        var capture = new CapturingLoggerProvider();
        using var factory = app.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(capture)));

        // A malformed JSON body is logged by the exception handler as it answers 400.
        var client = await TestSignIn.SignInAsync(factory);
        var response = await client.PostAsync("/api/v1/studios/aurora-studio/leads",
            new StringContent("{\"firstName\": ", System.Text.Encoding.UTF8, "application/json"));

        var requestId = WebAssert.RequestId(response);
        var line = Assert.Single(capture.Entries, e => e.Category.EndsWith("TallyExceptionHandler", StringComparison.Ordinal));
        Assert.Equal(requestId, line.Scope.GetValueOrDefault("RequestId"));
        Assert.False(string.IsNullOrEmpty(line.Scope.GetValueOrDefault("TraceId")));
    }

    private sealed record Entry(string Category, string Message, Dictionary<string, string?> Scope);

    private sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ConcurrentQueue<Entry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scope = new Dictionary<string, string?>(StringComparer.Ordinal);
                provider._scopes.ForEachScope((value, values) =>
                {
                    if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach (var (key, item) in pairs)
                        {
                            values[key] = item?.ToString();
                        }
                    }
                }, scope);
                provider.Entries.Enqueue(new Entry(category, formatter(state, exception), scope));
            }
        }
    }
}
