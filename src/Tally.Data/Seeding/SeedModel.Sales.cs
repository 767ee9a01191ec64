using System.Buffers;
using System.Text.Json;

namespace Tally.Data.Seeding;

// Quotes, their line items and totals, and the contracts signed for accepted quotes.
internal sealed partial class SeedModel
{
    public Guid[] QuoteId { get; private set; } = [];
    public int[] QuoteClient { get; private set; } = [];
    public int[] QuoteSession { get; private set; } = [];
    public int[] QuoteLead { get; private set; } = [];
    public byte[] QuoteStatus { get; private set; } = [];
    public long[] QuoteCreated { get; private set; } = [];
    public long[] QuoteSentAt { get; private set; } = [];
    public long[] QuoteRespondedAt { get; private set; } = [];
    public string[] QuoteTitle { get; private set; } = [];
    public string[] QuoteItems { get; private set; } = [];
    public decimal[] QuoteSubtotal { get; private set; } = [];
    public decimal[] QuoteDiscount { get; private set; } = [];
    public decimal[] QuoteTax { get; private set; } = [];
    public decimal[] QuoteTotal { get; private set; } = [];

    public Guid[] ContractId { get; private set; } = [];
    public int[] ContractQuote { get; private set; } = [];
    public byte[] ContractStatus { get; private set; } = [];
    public long[] ContractCreated { get; private set; } = [];
    public long[] ContractSentAt { get; private set; } = [];
    public long[] ContractSignedAt { get; private set; } = [];

    private void BuildQuotes()
    {
        var random = new Random(Shape.SeedFor("model.quotes"));
        var total = Shape.Total(SeedTables.Quotes);
        QuoteId = new Guid[total];
        QuoteClient = new int[total];
        QuoteSession = new int[total];
        QuoteLead = new int[total];
        QuoteStatus = new byte[total];
        QuoteCreated = new long[total];
        QuoteSentAt = new long[total];
        QuoteRespondedAt = new long[total];
        QuoteTitle = new string[total];
        QuoteItems = new string[total];
        QuoteSubtotal = new decimal[total];
        QuoteDiscount = new decimal[total];
        QuoteTax = new decimal[total];
        QuoteTotal = new decimal[total];
        var buffer = new ArrayBufferWriter<byte>(1024);
        for (var s = 0; s < Shape.Studios.Length; s++)
        {
            var start = Shape.Start(SeedTables.Quotes, s);
            var count = Shape.Count(SeedTables.Quotes, s);
            var contracts = Shape.Count(SeedTables.Contracts, s);
            var sessionStart = Shape.Start(SeedTables.Sessions, s);
            var sessionCount = Shape.Count(SeedTables.Sessions, s);
            var leadStart = Shape.Start(SeedTables.Leads, s);
            var leadCount = Shape.Count(SeedTables.Leads, s);
            var taxRate = City(s).TaxRate;
            for (var k = 0; k < count; k++)
            {
                var i = start + k;
                var contracted = k < contracts;
                QuoteClient[i] = QuoteSession[i] = QuoteLead[i] = -1;
                SeedPackage package;
                string type;
                decimal basePrice;
                if (!contracted && random.NextDouble() < 0.2 && leadCount > 0)
                {
                    // A proposal to a prospect who is not a client yet.
                    var lead = leadStart + random.Next(leadCount);
                    QuoteLead[i] = lead;
                    type = SeedCatalog.SessionTypes[Pick(random, SeedCatalog.SessionTypeWeights)];
                    var packages = SeedCatalog.Packages[type];
                    package = packages[random.Next(packages.Length)];
                    basePrice = random.Next(package.MinPrice / 50, (package.MaxPrice / 50) + 1) * 50m;
                    QuoteCreated[i] = Math.Min(LeadCreated[lead] + (random.Next(1, 10) * Day), AnchorMs - Hour);
                    QuoteTitle[i] = $"{package.Name} proposal";
                }
                else
                {
                    var session = sessionStart + random.Next(sessionCount);
                    for (var attempt = 0; contracted && attempt < 8 && SessionStatus[session] is Inquiry or Cancelled; attempt++)
                    {
                        session = sessionStart + random.Next(sessionCount);
                    }
                    QuoteSession[i] = session;
                    QuoteClient[i] = SessionClient[session];
                    type = SessionTypeName(session);
                    package = Package(session);
                    basePrice = SessionPrice[session];
                    QuoteCreated[i] = Math.Min(SessionCreated[session] + (random.Next(0, 72) * Hour), AnchorMs - Hour);
                    QuoteTitle[i] = $"{package.Name}: {SessionTitle(s, session)}";
                }

                var age = AnchorMs - QuoteCreated[i];
                var r = random.NextDouble();
                QuoteStatus[i] = contracted ? QuoteAccepted
                    : age < 30 * Day ? (r < 0.3 ? QuoteDraft : QuoteSent)
                    : r < 0.05 ? QuoteDraft : r < 0.5 ? QuoteDeclined : QuoteExpired;
                if (QuoteStatus[i] != QuoteDraft)
                {
                    QuoteSentAt[i] = Math.Min(QuoteCreated[i] + (random.Next(1, 48) * Hour), AnchorMs - Minute);
                }
                if (QuoteStatus[i] is QuoteAccepted or QuoteDeclined)
                {
                    QuoteRespondedAt[i] = Math.Min(QuoteSentAt[i] + (random.Next(4, 240) * Hour), AnchorMs - Minute);
                }

                // Line items: the package, then a few add-ons.
                buffer.Clear();
                using (var json = new Utf8JsonWriter(buffer))
                {
                    json.WriteStartArray();
                    var subtotal = WriteItem(json, package.Name, 1, basePrice);
                    var addOns = type == "wedding" ? SeedCatalog.WeddingAddOns : SeedCatalog.PortraitAddOns;
                    var extra = random.Next(0, type == "wedding" ? 4 : 3);
                    var first = random.Next(addOns.Length);
                    for (var a = 0; a < extra; a++)
                    {
                        var addOn = addOns[(first + a) % addOns.Length];
                        subtotal += WriteItem(json, addOn.Description, addOn.Description.StartsWith("Additional", StringComparison.Ordinal) ? random.Next(1, 4) : 1, addOn.UnitPrice);
                    }
                    json.WriteEndArray();
                    json.Flush();
                    var discount = random.NextDouble() < 0.15 ? Math.Round(subtotal * random.Next(5, 11) / 100m / 50m, MidpointRounding.AwayFromZero) * 50m : 0m;
                    var tax = Math.Round((subtotal - discount) * taxRate, 2, MidpointRounding.AwayFromZero);
                    QuoteSubtotal[i] = subtotal;
                    QuoteDiscount[i] = discount;
                    QuoteTax[i] = tax;
                    QuoteTotal[i] = subtotal - discount + tax;
                }
                QuoteItems[i] = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
                QuoteId[i] = SeedIds.V7(QuoteCreated[i], random);
            }
        }
    }

    private static decimal WriteItem(Utf8JsonWriter json, string description, int quantity, decimal unitPrice)
    {
        var amount = quantity * unitPrice;
        json.WriteStartObject();
        json.WriteString("description", description);
        json.WriteNumber("quantity", quantity);
        json.WriteNumber("unit_price", unitPrice);
        json.WriteNumber("amount", amount);
        json.WriteEndObject();
        return amount;
    }

    private void BuildContracts()
    {
        var random = new Random(Shape.SeedFor("model.contracts"));
        var total = Shape.Total(SeedTables.Contracts);
        ContractId = new Guid[total];
        ContractQuote = new int[total];
        ContractStatus = new byte[total];
        ContractCreated = new long[total];
        ContractSentAt = new long[total];
        ContractSignedAt = new long[total];
        for (var s = 0; s < Shape.Studios.Length; s++)
        {
            var start = Shape.Start(SeedTables.Contracts, s);
            var quoteStart = Shape.Start(SeedTables.Quotes, s);
            for (var k = 0; k < Shape.Count(SeedTables.Contracts, s); k++)
            {
                var i = start + k;
                var quote = quoteStart + k; // the accepted quotes come first in every studio
                ContractQuote[i] = quote;
                ContractCreated[i] = Math.Min(QuoteRespondedAt[quote] + (random.Next(1, 24) * Hour), AnchorMs - Minute);
                ContractId[i] = SeedIds.V7(ContractCreated[i], random);
                var r = random.NextDouble();
                if (r < 0.03)
                {
                    ContractStatus[i] = ContractDraft;
                    continue;
                }
                ContractSentAt[i] = Math.Min(ContractCreated[i] + (random.Next(1, 24) * Hour), AnchorMs - Minute);
                ContractSignedAt[i] = ContractSentAt[i] + (random.Next(2, 144) * Hour);
                if (ContractSignedAt[i] >= AnchorMs)
                {
                    ContractStatus[i] = ContractSent;
                    ContractSignedAt[i] = 0;
                }
                else
                {
                    ContractStatus[i] = r < 0.07 ? ContractVoid : ContractSigned;
                    if (ContractStatus[i] == ContractVoid && r < 0.05)
                    {
                        ContractSignedAt[i] = 0; // voided before anyone signed
                    }
                }
            }
        }
    }
}
