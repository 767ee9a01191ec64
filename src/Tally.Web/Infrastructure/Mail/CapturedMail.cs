namespace Tally.Web.Infrastructure.Mail;

/// <summary>A message the local SMTP server received, as a person (or a test) reads it.</summary>
/// <param name="FilePath">The .eml file it was saved as.</param>
public sealed record CapturedMail(string To, string Subject, string TextBody, string FilePath, DateTimeOffset ReceivedAt);
