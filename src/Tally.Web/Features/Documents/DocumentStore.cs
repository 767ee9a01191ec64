using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Tally.Web.Features.Documents;

/// <summary>What was written to a temporary file: its size, digest, first bytes and whether it reads as UTF-8 text.</summary>
internal sealed record ReceivedFile(string TempPath, long Length, string Sha256, byte[] Head, bool IsText);

/// <summary>
/// The files of documents on disk: {Directory}/{studio id}/{random name}. The name is chosen here,
/// never taken from the upload, so no file name of a user's can reach a path. A file is written to
/// a temporary name in its studio's folder first and moved into place (an atomic rename) only once
/// its row is inserted.
/// </summary>
internal sealed partial class DocumentStore(DocumentSettings settings)
{
    public const int HeadLength = 4096;

    private const string IncomingFolder = ".incoming";

    public string Root { get; } = Path.GetFullPath(settings.Directory!);

    public DocumentSettings Settings => settings;

    /// <summary>A new storage key of a studio: "{studio}/{32 random hex digits}".</summary>
    public static string NewKey(Guid studioId) => $"{studioId:N}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";

    /// <summary>The file of a storage key; null for a key of another shape (such as the demo data's), which has no file here.</summary>
    public string? PathOf(string storageKey) =>
        KeyShape().IsMatch(storageKey) ? Path.Combine(Root, storageKey.Replace('/', Path.DirectorySeparatorChar)) : null;

    /// <summary>
    /// Copies the upload to a temporary file of the studio's, at most <paramref name="maxBytes"/> bytes
    /// (null when it is longer: the partial file is gone). Reads the digest and checks for UTF-8 text on the way.
    /// </summary>
    public async Task<ReceivedFile?> ReceiveAsync(Guid studioId, Stream source, long maxBytes, CancellationToken ct)
    {
        var incoming = Path.Combine(Root, studioId.ToString("N"), IncomingFolder);
        Directory.CreateDirectory(incoming);
        var temp = Path.Combine(incoming, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + ".part");
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
            var chars = new char[Encoding.UTF8.GetMaxCharCount(81920)];
            var buffer = new byte[81920];
            var head = new MemoryStream();
            var isText = true;
            long length = 0;
            await using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                int read;
                while ((read = await source.ReadAsync(buffer, ct)) > 0)
                {
                    length += read;
                    if (length > maxBytes)
                    {
                        throw new FileTooLargeException();
                    }
                    sha.AppendData(buffer, 0, read);
                    if (head.Length < HeadLength)
                    {
                        head.Write(buffer, 0, (int)Math.Min(read, HeadLength - head.Length));
                    }
                    isText = isText && IsText(decoder, buffer.AsSpan(0, read), chars);
                    await target.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                await target.FlushAsync(ct);
            }
            isText = isText && IsText(decoder, [], chars, flush: true);
            return new ReceivedFile(temp, length, Convert.ToHexStringLower(sha.GetHashAndReset()), head.ToArray(), isText);
        }
        catch (FileTooLargeException)
        {
            Delete(temp);
            return null;
        }
        catch
        {
            Delete(temp);
            throw;
        }
    }

    /// <summary>Moves a received file to its storage key.</summary>
    public void Commit(ReceivedFile file, string storageKey)
    {
        var target = PathOf(storageKey) ?? throw new InvalidOperationException("not a storage key of this store");
        File.Move(file.TempPath, target, overwrite: false);
    }

    /// <summary>Removes a file if it is there; a failure here must not hide the error that led to it.</summary>
    public static void Delete(string? path)
    {
        if (path is null)
        {
            return;
        }
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public void DeleteKey(string storageKey) => Delete(PathOf(storageKey));

    /// <summary>Text is valid UTF-8 without NUL and without control characters other than tab, line feed, form feed and carriage return.</summary>
    private static bool IsText(Decoder decoder, ReadOnlySpan<byte> bytes, char[] chars, bool flush = false)
    {
        try
        {
            var count = decoder.GetChars(bytes, chars, flush);
            foreach (var c in chars.AsSpan(0, count))
            {
                if (c < ' ' && c is not ('\t' or '\n' or '\r' or '\f'))
                {
                    return false;
                }
            }
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[0-9a-f]{32}/[0-9a-f]{32}$")]
    private static partial Regex KeyShape();

    private sealed class FileTooLargeException : Exception;
}
