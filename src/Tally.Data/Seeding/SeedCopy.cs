using System.Net;
using Npgsql;
using NpgsqlTypes;

namespace Tally.Data.Seeding;

/// <summary>Studios [From, To) of a seed: the part of a table one COPY writes (rows of a studio never depend on the split).</summary>
internal readonly record struct StudioSpan(int From, int To);

/// <summary>Rows of one table written so far (thread-safe, so a table may be written in parts).</summary>
internal sealed class TableProgress(string table, long total, IProgress<SeedProgress>? progress)
{
    private long _done;

    public void Add(long rows)
    {
        var done = Interlocked.Add(ref _done, rows);
        progress?.Report(new SeedProgress(table, done, total));
    }
}

/// <summary>Counts the rows of one COPY, passes them on to the table's progress now and then, and notices cancellation.</summary>
internal sealed class RowTicker(TableProgress? progress, CancellationToken ct)
{
    private const int ReportEvery = 50_000;
    private int _sinceReport;

    public long Done { get; private set; }

    public void Row()
    {
        Done++;
        if (++_sinceReport >= ReportEvery)
        {
            ct.ThrowIfCancellationRequested();
            progress?.Add(_sinceReport);
            _sinceReport = 0;
        }
    }

    public void Flush()
    {
        progress?.Add(_sinceReport);
        _sinceReport = 0;
    }
}

/// <summary>How to fill one table: its COPY column list and the method that writes the rows of some studios.</summary>
internal sealed record SeedTableLoad(string Table, string Columns, Action<SeedModel, NpgsqlBinaryImporter, RowTicker, StudioSpan> Write)
{
    /// <summary>Streams the table's rows of <paramref name="studios"/> through binary COPY on <paramref name="connection"/>.</summary>
    public void Copy(NpgsqlConnection connection, SeedModel model, StudioSpan studios, TableProgress? progress, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var planned = model.Shape.Start(Table, studios.To) - model.Shape.Start(Table, studios.From);
        var ticker = new RowTicker(progress, ct);
        using (var importer = connection.BeginBinaryImport($"COPY {Table} ({Columns}) FROM STDIN (FORMAT BINARY)"))
        {
            Write(model, importer, ticker, studios);
            if (ticker.Done != planned)
            {
                throw new InvalidOperationException($"seed of {Table} wrote {ticker.Done} rows, planned {planned}");
            }
            importer.Complete();
        }
        ticker.Flush();
    }
}

/// <summary>Typed, null-aware writes for binary COPY.</summary>
internal static class ImporterExtensions
{
    public static void Uuid(this NpgsqlBinaryImporter w, Guid value) => w.Write(value, NpgsqlDbType.Uuid);

    /// <summary>The id at <paramref name="index"/>, or NULL when the index is negative.</summary>
    public static void UuidAt(this NpgsqlBinaryImporter w, Guid[] ids, int index)
    {
        if (index < 0)
        {
            w.WriteNull();
        }
        else
        {
            w.Write(ids[index], NpgsqlDbType.Uuid);
        }
    }

    public static void Text(this NpgsqlBinaryImporter w, string? value)
    {
        if (value is null)
        {
            w.WriteNull();
        }
        else
        {
            w.Write(value, NpgsqlDbType.Text);
        }
    }

    public static void Citext(this NpgsqlBinaryImporter w, string? value)
    {
        if (value is null)
        {
            w.WriteNull();
        }
        else
        {
            w.Write(value, NpgsqlDbType.Citext);
        }
    }

    public static void Char(this NpgsqlBinaryImporter w, string? value)
    {
        if (value is null)
        {
            w.WriteNull();
        }
        else
        {
            w.Write(value, NpgsqlDbType.Char);
        }
    }

    public static void Jsonb(this NpgsqlBinaryImporter w, string json) => w.Write(json, NpgsqlDbType.Jsonb);

    public static void Bool(this NpgsqlBinaryImporter w, bool value) => w.Write(value, NpgsqlDbType.Boolean);

    public static void Int(this NpgsqlBinaryImporter w, int value) => w.Write(value, NpgsqlDbType.Integer);

    public static void Int(this NpgsqlBinaryImporter w, int? value)
    {
        if (value is { } v)
        {
            w.Write(v, NpgsqlDbType.Integer);
        }
        else
        {
            w.WriteNull();
        }
    }

    public static void Long(this NpgsqlBinaryImporter w, long value) => w.Write(value, NpgsqlDbType.Bigint);

    public static void Money(this NpgsqlBinaryImporter w, decimal value) => w.Write(value, NpgsqlDbType.Numeric);

    public static void Money(this NpgsqlBinaryImporter w, decimal? value)
    {
        if (value is { } v)
        {
            w.Write(v, NpgsqlDbType.Numeric);
        }
        else
        {
            w.WriteNull();
        }
    }

    /// <summary>A timestamptz from unix milliseconds; 0 means NULL.</summary>
    public static void Instant(this NpgsqlBinaryImporter w, long unixMs)
    {
        if (unixMs == 0)
        {
            w.WriteNull();
        }
        else
        {
            w.Write(SeedModel.ToUtc(unixMs), NpgsqlDbType.TimestampTz);
        }
    }

    public static void Date(this NpgsqlBinaryImporter w, DateOnly? value)
    {
        if (value is { } v)
        {
            w.Write(v, NpgsqlDbType.Date);
        }
        else
        {
            w.WriteNull();
        }
    }

    public static void Inet(this NpgsqlBinaryImporter w, IPAddress? value)
    {
        if (value is null)
        {
            w.WriteNull();
        }
        else
        {
            w.Write(value, NpgsqlDbType.Inet);
        }
    }
}
