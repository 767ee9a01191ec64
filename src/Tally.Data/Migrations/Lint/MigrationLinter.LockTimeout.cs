using System.Globalization;
using System.Text.RegularExpressions;

namespace Tally.Data.Migrations.Lint;

// missing-lock-timeout: how SET, RESET and set_config() change lock_timeout for the statements after them.
public static partial class MigrationLinter
{
    private sealed partial class ScriptLinter
    {
        // SET [SESSION | LOCAL] lock_timeout { = | TO } value
        private void SetStatement(TokenCursor c)
        {
            var local = c.Accept("LOCAL");
            if (!local)
                c.Accept("SESSION");
            if (c.ReadIdentifier()?.Identifier != "lock_timeout")
                return;
            if (!c.AcceptSymbol('=') && !c.Accept("TO"))
                return;
            var value = c.Current;
            ApplyLockTimeout(value is not null && !value.IsKeyword("DEFAULT") && !IsZeroDuration(value.Value), local);
        }

        // SELECT set_config('lock_timeout', '5s', is_local)
        private void SetConfigCall(IReadOnlyList<SqlToken> tokens)
        {
            for (var k = 0; k + 7 < tokens.Count; k++)
            {
                if (tokens[k].Identifier == "set_config"
                    && tokens[k + 1].IsSymbol('(')
                    && tokens[k + 2] is { Kind: SqlTokenKind.String } name
                    && string.Equals(name.Value, "lock_timeout", StringComparison.OrdinalIgnoreCase)
                    && tokens[k + 3].IsSymbol(',')
                    && tokens[k + 5].IsSymbol(','))
                {
                    var isLocal = tokens[k + 6].IsKeyword("TRUE")
                        || (tokens[k + 6].Kind == SqlTokenKind.String && tokens[k + 6].Value.ToLowerInvariant() is "t" or "true" or "on" or "1");
                    ApplyLockTimeout(!IsZeroDuration(tokens[k + 4].Value), isLocal);
                }
            }
        }

        private void ApplyLockTimeout(bool enabled, bool local)
        {
            if (local)
            {
                // SET LOCAL outside a transaction block only draws a warning and changes nothing.
                if (_inTransaction)
                    _localLockTimeout = enabled;
                return;
            }
            _sessionLockTimeout = enabled;
            _localLockTimeout = null;
        }

        private static bool IsZeroDuration(string value)
        {
            var match = DurationPattern().Match(value);
            return match.Success
                && double.TryParse(match.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
                && n == 0;
        }
    }

    // A duration setting such as 0, '0', '0s', '1500ms', '5 s'.
    [GeneratedRegex(@"^\s*(?<n>[0-9]*\.?[0-9]+)\s*[A-Za-z]*\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
