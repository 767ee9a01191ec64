using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tally.Data.Seeding;

internal static partial class SeedWriters
{
    private static readonly string[] QuoteNotes =
    [
        "Travel within 50 miles of the studio is included.", "Prices valid for the date held above.",
        "Album spreads are designed after the gallery is delivered.", "A 30% retainer secures the date.",
    ];

    private static readonly string[] VoidReasons = ["Client cancelled the booking", "Replaced by an updated agreement", "Date changed, new contract issued"];

    public static readonly SeedTableLoad Quotes = new(SeedTables.Quotes,
        "studio_id, id, client_id, session_id, lead_id, title, line_items, subtotal, discount_amount, tax_rate, tax_amount, total, currency, status, valid_until, sent_at, responded_at, notes, created_at, updated_at",
        (m, w, tick, studios) =>
        {
            for (var s = studios.From; s < studios.To; s++)
            {
                var random = RandomFor(m, SeedTables.Quotes, s);
                var start = m.Shape.Start(SeedTables.Quotes, s);
                var city = m.City(s);
                for (var i = start; i < start + m.Shape.Count(SeedTables.Quotes, s); i++)
                {
                    var issued = m.QuoteSentAt[i] != 0 ? m.QuoteSentAt[i] : m.QuoteCreated[i];
                    w.StartRow();
                    w.Uuid(m.StudioId[s]);
                    w.Uuid(m.QuoteId[i]);
                    w.UuidAt(m.ClientId, m.QuoteClient[i]);
                    w.UuidAt(m.SessionId, m.QuoteSession[i]);
                    w.UuidAt(m.LeadId, m.QuoteLead[i]);
                    w.Text(m.QuoteTitle[i]);
                    w.Jsonb(m.QuoteItems[i]);
                    w.Money(m.QuoteSubtotal[i]);
                    w.Money(m.QuoteDiscount[i]);
                    w.Money(city.TaxRate);
                    w.Money(m.QuoteTax[i]);
                    w.Money(m.QuoteTotal[i]);
                    w.Char(city.Currency);
                    w.Text(SeedModel.QuoteStatusNames[m.QuoteStatus[i]]);
                    w.Date(SeedModel.ToDate(issued + (30 * SeedModel.Day)));
                    w.Instant(m.QuoteSentAt[i]);
                    w.Instant(m.QuoteRespondedAt[i]);
                    w.Text(random.NextDouble() < 0.15 ? Choose(random, QuoteNotes) : null);
                    w.Instant(m.QuoteCreated[i]);
                    w.Instant(Math.Max(m.QuoteCreated[i], Math.Max(m.QuoteSentAt[i], m.QuoteRespondedAt[i])));
                    tick.Row();
                }
            }
        });

    public static readonly SeedTableLoad Contracts = new(SeedTables.Contracts,
        "studio_id, id, client_id, quote_id, session_id, title, body, status, sent_at, signer_name, signer_email, signed_at, signer_ip, signer_user_agent, document_hash, voided_at, void_reason, created_at, updated_at",
        (m, w, tick, studios) =>
        {
            var culture = CultureInfo.GetCultureInfo("en-US");
            for (var s = studios.From; s < studios.To; s++)
            {
                var random = RandomFor(m, SeedTables.Contracts, s);
                var start = m.Shape.Start(SeedTables.Contracts, s);
                var spec = m.Shape.Studios[s];
                for (var i = start; i < start + m.Shape.Count(SeedTables.Contracts, s); i++)
                {
                    var quote = m.ContractQuote[i];
                    var client = m.QuoteClient[quote];
                    var session = m.QuoteSession[quote];
                    var status = m.ContractStatus[i];
                    var signerName = m.ClientFullName(s, client);
                    var when = m.SessionStart[session] != 0 ? SeedModel.ToUtc(m.SessionStart[session]).ToString("MMMM d, yyyy", culture) : "a date to be agreed";
                    var body = ContractBody(spec.Name, signerName, m.SessionTitle(s, session), when, m.QuoteTotal[quote], spec.City.Currency, m.Package(session));
                    var signed = m.ContractSignedAt[i];
                    var voided = status == SeedModel.ContractVoid
                        ? Clamp(m, Math.Max(m.ContractSentAt[i], signed) + (random.Next(2, 20) * SeedModel.Day))
                        : 0;
                    w.StartRow();
                    w.Uuid(m.StudioId[s]);
                    w.Uuid(m.ContractId[i]);
                    w.Uuid(m.ClientId[client]);
                    w.Uuid(m.QuoteId[quote]);
                    w.Uuid(m.SessionId[session]);
                    w.Text($"Photography agreement: {m.SessionTitle(s, session)}");
                    w.Text(body);
                    w.Text(SeedModel.ContractStatusNames[status]);
                    w.Instant(m.ContractSentAt[i]);
                    w.Text(signed != 0 ? signerName : null);
                    w.Citext(signed != 0 ? m.ClientEmail(s, client) : null);
                    w.Instant(signed);
                    w.Inet(signed != 0 ? Choose(random, m.Pools.Ips) : null);
                    w.Text(signed != 0 ? Choose(random, SeedCatalog.UserAgents) : null);
                    w.Text(signed != 0 ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))) : null);
                    w.Instant(voided);
                    w.Text(voided != 0 ? Choose(random, VoidReasons) : null);
                    w.Instant(m.ContractCreated[i]);
                    w.Instant(Math.Max(m.ContractCreated[i], Math.Max(m.ContractSentAt[i], Math.Max(signed, voided))));
                    tick.Row();
                }
            }
        });

    private static string ContractBody(string studio, string client, string session, string when, decimal total, string currency, SeedPackage package) =>
        string.Create(CultureInfo.InvariantCulture, $"""
        PHOTOGRAPHY SERVICES AGREEMENT

        This agreement is made between {studio} ("the Photographer") and {client} ("the Client") for {session} on {when}.

        1. Services. The Photographer will provide the {package.Name} ({package.Hours} hours of coverage), professional editing, and a private online gallery.
        2. Fees. The total fee is {total:N2} {currency}. A non-refundable retainer of 30% secures the date; the balance is due 14 days before the session.
        3. Delivery. Edited images are delivered through the online gallery within six weeks. Raw files are not delivered.
        4. Cancellation. If the Client cancels, the retainer is kept. If the Photographer cannot attend, an equally qualified photographer is provided or all fees are refunded.
        5. Usage. The Photographer keeps the copyright and may use images for portfolio purposes unless the Client opts out in writing. The Client receives a personal use licence.
        6. Liability. The Photographer's liability is limited to the fees paid under this agreement.
        """);

    private static readonly string[] PaymentMethods = ["card", "bank_transfer", "check", "cash", "other"];
    private static readonly int[] PaymentMethodWeights = [70, 20, 5, 3, 2];

    public static readonly SeedTableLoad Payments = new(SeedTables.Payments,
        "studio_id, id, client_id, quote_id, contract_id, description, amount, currency, status, due_date, paid_at, refunded_at, method, stripe_payment_intent_id, stripe_charge_id, created_at, updated_at",
        (m, w, tick, studios) =>
        {
            for (var s = studios.From; s < studios.To; s++)
            {
                var random = RandomFor(m, SeedTables.Payments, s);
                var rows = m.Shape.Count(SeedTables.Payments, s);
                var contracts = m.Shape.Count(SeedTables.Contracts, s);
                var contractStart = m.Shape.Start(SeedTables.Contracts, s);
                var currency = m.City(s).Currency;
                if (contracts == 0)
                {
                    // No contract to collect for: one-off payments (prints, gift cards).
                    var clientStart = m.Shape.Start(SeedTables.Clients, s);
                    for (var k = 0; k < rows; k++)
                    {
                        var client = clientStart + random.Next(m.Shape.Count(SeedTables.Clients, s));
                        var at = Clamp(m, m.ClientCreated[client] + (random.Next(1, 60) * SeedModel.Day));
                        WritePayment(m, w, random, s, client, -1, -1, "Print order", random.Next(2, 40) * 25m, currency, "paid", SeedModel.ToDate(at), at, at);
                        tick.Row();
                    }
                    continue;
                }
                for (var c = 0; c < contracts; c++)
                {
                    var contract = contractStart + c;
                    var n = (int)(((long)(c + 1) * rows / contracts) - ((long)c * rows / contracts));
                    if (n == 0)
                    {
                        continue;
                    }
                    var quote = m.ContractQuote[contract];
                    var session = m.QuoteSession[quote];
                    var total = m.QuoteTotal[quote];
                    var status = m.ContractStatus[contract];
                    var signedOrSent = m.ContractSignedAt[contract] != 0 ? m.ContractSignedAt[contract] : m.ContractSentAt[contract] != 0 ? m.ContractSentAt[contract] : m.ContractCreated[contract];
                    var firstDue = signedOrSent;
                    var lastDue = m.SessionStart[session] != 0 ? m.SessionStart[session] - (14 * SeedModel.Day) : firstDue + (n * 30 * SeedModel.Day);
                    if (lastDue <= firstDue + ((n - 1) * 7 * SeedModel.Day))
                    {
                        lastDue = firstDue + ((n - 1) * 30 * SeedModel.Day);
                    }
                    var retainer = n == 1 ? total : Math.Round(total * 0.3m, 2, MidpointRounding.AwayFromZero);
                    var installment = n == 1 ? 0m : Math.Round((total - retainer) / (n - 1), 2, MidpointRounding.ToZero);
                    for (var j = 0; j < n; j++)
                    {
                        var amount = j == 0 ? retainer : j == n - 1 ? total - retainer - (installment * (n - 2)) : installment;
                        var due = n == 1 ? firstDue : firstDue + ((lastDue - firstDue) * j / (n - 1));
                        string paymentStatus;
                        long paidAt = 0, refundedAt = 0;
                        if (status == SeedModel.ContractVoid)
                        {
                            paymentStatus = j == 0 && m.ContractSignedAt[contract] != 0 ? "refunded" : "cancelled";
                        }
                        else if (status != SeedModel.ContractSigned)
                        {
                            paymentStatus = j == 0 && status == SeedModel.ContractSent ? "due" : "pending";
                        }
                        else if (due < m.AnchorMs - (3 * SeedModel.Day))
                        {
                            paymentStatus = random.NextDouble() < 0.96 ? "paid" : "failed";
                        }
                        else
                        {
                            paymentStatus = due < m.AnchorMs + (14 * SeedModel.Day) ? "due" : "pending";
                        }
                        if (paymentStatus is "paid" or "refunded")
                        {
                            paidAt = Clamp(m, Math.Max(signedOrSent, due + (random.Next(-72, 72) * SeedModel.Hour)));
                        }
                        if (paymentStatus == "refunded")
                        {
                            refundedAt = Clamp(m, paidAt + (random.Next(2, 20) * SeedModel.Day));
                            refundedAt = Math.Max(refundedAt, paidAt + SeedModel.Minute);
                        }
                        var description = n == 1 ? "Payment in full" : j == 0 ? "Retainer (30%)" : j == n - 1 ? "Final balance" : $"Installment {j + 1} of {n}";
                        WritePayment(m, w, random, s, m.QuoteClient[quote], quote, contract, description, amount, currency, paymentStatus,
                            SeedModel.ToDate(due), paidAt, refundedAt, m.ContractCreated[contract] + j);
                        tick.Row();
                    }
                }
            }
        });

    private static void WritePayment(SeedModel m, Npgsql.NpgsqlBinaryImporter w, Random random, int studio, int client, int quote, int contract,
        string description, decimal amount, string currency, string status, DateOnly due, long paidAt, long refundedAt, long? created = null)
    {
        var createdAt = created ?? paidAt;
        var id = SeedIds.V7(createdAt, random);
        var settled = status is "paid" or "refunded" or "failed";
        var method = settled || random.NextDouble() < 0.5 ? PaymentMethods[SeedModel.Pick(random, PaymentMethodWeights)] : null;
        var card = method == "card";
        w.StartRow();
        w.Uuid(m.StudioId[studio]);
        w.Uuid(id);
        w.Uuid(m.ClientId[client]);
        w.UuidAt(m.QuoteId, quote);
        w.UuidAt(m.ContractId, contract);
        w.Text(description);
        w.Money(amount);
        w.Char(currency);
        w.Text(status);
        w.Date(due);
        w.Instant(paidAt);
        w.Instant(refundedAt);
        w.Text(status == "failed" ? "card" : method);
        w.Text(card || status == "failed" ? $"pi_{id:N}" : null);
        w.Text((card && status is "paid" or "refunded") ? $"ch_{id:N}" : null);
        w.Instant(createdAt);
        w.Instant(Math.Max(createdAt, Math.Max(paidAt, refundedAt)));
    }
}
