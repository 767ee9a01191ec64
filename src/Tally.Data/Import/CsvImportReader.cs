using CsvHelper;

namespace Tally.Data.Import;

/// <summary>
/// Reads a leads or clients CSV file (CsvHelper) and checks every row, collecting every problem with
/// its line number instead of stopping at the first: a dry run shows the whole list at once. Reads
/// nothing from the database; <see cref="ImportWriter.CheckAgainstStudioAsync"/> adds what only the
/// studio's data can tell (emails already taken).
/// </summary>
public static class CsvImportReader
{
    /// <summary>The largest row count one import takes.</summary>
    public const int MaxRows = 200_000;

    public static async Task<ImportBatch> ReadAsync(Stream input, ImportKind kind, string defaultCurrency,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var batch = new ImportBatch(kind);
        var total = input.CanSeek ? input.Length : 0;
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            OnMalformedRecord = bad => batch.Problems.Add(new ImportProblem((int)bad.LineNumber, null, Malformed(bad.Reason))),
        };
        await using var csv = CsvReader.Create(input, options, leaveOpen: true);
        try
        {
            await csv.ReadHeaderAsync(ct);
        }
        catch (CsvFormatException e)
        {
            batch.Problems.Add(new ImportProblem(1, null, "the header cannot be read: " + e.Message));
            return batch;
        }
        var columns = Columns(csv.Headers, kind, batch.Problems);
        if (columns is null)
        {
            return batch;
        }
        var emails = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        try
        {
            while (await csv.ReadAsync(ct))
            {
                batch.RowCount++;
                var line = (int)csv.LineNumber;
                if (batch.RowCount > MaxRows)
                {
                    batch.Problems.Add(new ImportProblem(line, null, $"the file has more than {MaxRows:N0} rows; split it"));
                    break;
                }
                var fields = new ImportFields(c => columns.TryGetValue(c, out var i) && i < csv.FieldCount ? csv.GetString(i) : null, line, batch.Problems);
                if (kind == ImportKind.Leads)
                {
                    if (Lead(fields, defaultCurrency) is { } lead && !Duplicate(lead.Email, line, emails, batch.Problems))
                    {
                        batch.Leads.Add(lead);
                    }
                }
                else if (Client(fields) is { } client && !Duplicate(client.Email, line, emails, batch.Problems))
                {
                    batch.Clients.Add(client);
                }
                if (total > 0 && (batch.RowCount & 1023) == 0)
                {
                    progress?.Report(new ImportProgress(ImportPhase.Checking, csv.ByteOffset, total));
                }
            }
        }
        catch (CsvFormatException e)
        {
            batch.Problems.Add(new ImportProblem((int)Math.Max(1, e.LineNumber), null, "the file cannot be read as CSV: " + e.Message));
        }
        batch.Problems.Sort((a, b) => a.Line.CompareTo(b.Line));
        if (batch.RowCount == 0 && batch.Problems.Count == 0)
        {
            batch.Problems.Add(new ImportProblem(2, null, $"the file has a header but no {ImportColumns.Name(kind)}"));
        }
        progress?.Report(new ImportProgress(ImportPhase.Checking, total, total));
        return batch;
    }

    /// <summary>The index of each known column, or null (with the problems) when the header will not do.</summary>
    private static Dictionary<string, int>? Columns(IReadOnlyList<string> headers, ImportKind kind, List<ImportProblem> problems)
    {
        var known = ImportColumns.For(kind);
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            var name = headers[i].Trim().TrimStart('\uFEFF').ToLowerInvariant();
            if (!known.Contains(name) && !ImportColumns.Ignored.Contains(name))
            {
                problems.Add(new ImportProblem(1, null, $"unknown column {ImportFields.Shown(headers[i])}; the columns are {string.Join(", ", known)}"));
            }
            else if (!columns.TryAdd(name, i))
            {
                problems.Add(new ImportProblem(1, null, $"column {name} appears twice"));
            }
        }
        foreach (var required in ImportColumns.Required(kind).Where(r => !columns.ContainsKey(r)))
        {
            problems.Add(new ImportProblem(1, null, $"the column {required} is missing"));
        }
        if (kind == ImportKind.Leads && !columns.ContainsKey("email") && !columns.ContainsKey("phone"))
        {
            problems.Add(new ImportProblem(1, null, "a leads file needs an email or a phone column"));
        }
        return problems.Count == 0 ? columns : null;
    }

    private static LeadImportRow? Lead(ImportFields f, string defaultCurrency)
    {
        var firstName = f.Text("first_name", 100, required: true);
        var lastName = f.Text("last_name", 100);
        var partner = f.Text("partner_name", 200);
        var email = f.Email("email", required: false);
        var phone = f.Phone("phone");
        var eventType = f.OneOf("event_type", ImportFields.EventTypes, null, "event type");
        var eventDate = f.Date("event_date");
        var venue = f.Text("venue", 200);
        var guests = f.Integer("guest_count", 0, 100000);
        var budget = f.Money("budget");
        var currency = f.Code("currency", 3, "a currency code");
        var source = f.OneOf("source", ImportFields.Sources, "other", "source");
        var status = f.OneOf("status", ImportFields.Statuses, "new", "status");
        var message = f.Text("message", 10000, multiline: true);
        if (!f.Failed && email is null && phone is null)
        {
            f.Missing("email", "a lead needs an email or a phone");
        }
        if (f.Failed)
        {
            return null;
        }
        return new LeadImportRow(f.Line, firstName!, lastName, partner, email, phone, eventType, eventDate, venue, guests,
            budget, budget is null ? currency : currency ?? defaultCurrency, source!, status!, message);
    }

    private static ClientImportRow? Client(ImportFields f)
    {
        var firstName = f.Text("first_name", 100, required: true);
        var lastName = f.Text("last_name", 100);
        var partner = f.Text("partner_name", 200);
        var email = f.Email("email", required: true);
        var phone = f.Phone("phone");
        var line1 = f.Text("address_line1", 200);
        var line2 = f.Text("address_line2", 200);
        var city = f.Text("city", 100);
        var region = f.Text("region", 100);
        var postal = f.Text("postal_code", 20);
        var country = f.Code("country", 2, "a country code such as US");
        var notes = f.Text("notes", 10000, multiline: true);
        return f.Failed ? null
            : new ClientImportRow(f.Line, firstName!, lastName, partner, email!, phone, line1, line2, city, region, postal, country, notes);
    }

    /// <summary>True (with a problem) when an earlier row of the file has this email.</summary>
    private static bool Duplicate(string? email, int line, Dictionary<string, int> seen, List<ImportProblem> problems)
    {
        if (email is null)
        {
            return false;
        }
        if (seen.TryGetValue(email, out var first))
        {
            problems.Add(new ImportProblem(line, "email", $"{ImportFields.Shown(email)} is already on line {first} of this file"));
            return true;
        }
        seen[email] = line;
        return false;
    }

    private static string Malformed(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.FieldCountMismatch => "the row has a different number of fields than the header",
        CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed",
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field",
        CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote of a field",
        _ => "the row is not valid CSV",
    };
}
