namespace Tally.Data.Seeding;

/// <summary>A city a studio works from: time zone, currency, tax on photography services, coordinates.</summary>
internal sealed record SeedCity(
    string Name, string Region, string Country, string TimeZone, string Currency, decimal TaxRate,
    double Latitude, double Longitude, string Locale, int UtcOffsetHours);

/// <summary>A package a studio sells for one session type, with its price range (in the studio's currency).</summary>
internal sealed record SeedPackage(string Name, int MinPrice, int MaxPrice, int Hours);

/// <summary>An add-on line of a quote.</summary>
internal sealed record SeedAddOn(string Description, int UnitPrice);

/// <summary>Hand-written content of the seeds: what a luxury photography business actually deals in.</summary>
internal static class SeedCatalog
{
    public static readonly string[] SessionTypes = ["wedding", "engagement", "portrait", "family", "newborn", "boudoir", "corporate", "event", "other"];

    /// <summary>How often each session type is booked (same order as <see cref="SessionTypes"/>).</summary>
    public static readonly int[] SessionTypeWeights = [42, 13, 10, 11, 6, 5, 5, 6, 2];

    public static readonly string[] LeadSources = ["instagram", "google", "referral", "website", "wedding_wire", "the_knot", "facebook", "other"];
    public static readonly int[] LeadSourceWeights = [25, 17, 21, 15, 6, 8, 5, 3];

    // UtcOffsetHours is the standard offset, close enough to place a shoot in the local afternoon.
    public static readonly SeedCity[] Cities =
    [
        new("Seattle", "WA", "US", "America/Los_Angeles", "USD", 0.1035m, 47.6062, -122.3321, "en_US", -8),
        new("New York", "NY", "US", "America/New_York", "USD", 0.0888m, 40.7128, -74.0060, "en_US", -5),
        new("Los Angeles", "CA", "US", "America/Los_Angeles", "USD", 0m, 34.0522, -118.2437, "en_US", -8),
        new("San Francisco", "CA", "US", "America/Los_Angeles", "USD", 0m, 37.7749, -122.4194, "en_US", -8),
        new("Napa", "CA", "US", "America/Los_Angeles", "USD", 0m, 38.2975, -122.2869, "en_US", -8),
        new("Santa Barbara", "CA", "US", "America/Los_Angeles", "USD", 0m, 34.4208, -119.6982, "en_US", -8),
        new("Chicago", "IL", "US", "America/Chicago", "USD", 0m, 41.8781, -87.6298, "en_US", -6),
        new("Austin", "TX", "US", "America/Chicago", "USD", 0.0825m, 30.2672, -97.7431, "en_US", -6),
        new("Nashville", "TN", "US", "America/Chicago", "USD", 0.0925m, 36.1627, -86.7816, "en_US", -6),
        new("Miami", "FL", "US", "America/New_York", "USD", 0.0700m, 25.7617, -80.1918, "en_US", -5),
        new("Charleston", "SC", "US", "America/New_York", "USD", 0.0900m, 32.7765, -79.9311, "en_US", -5),
        new("Boston", "MA", "US", "America/New_York", "USD", 0m, 42.3601, -71.0589, "en_US", -5),
        new("Denver", "CO", "US", "America/Denver", "USD", 0m, 39.7392, -104.9903, "en_US", -7),
        new("Aspen", "CO", "US", "America/Denver", "USD", 0m, 39.1911, -106.8175, "en_US", -7),
        new("Scottsdale", "AZ", "US", "America/Phoenix", "USD", 0.0805m, 33.4942, -111.9261, "en_US", -7),
        new("Honolulu", "HI", "US", "Pacific/Honolulu", "USD", 0.0450m, 21.3069, -157.8583, "en_US", -10),
        new("Toronto", "ON", "CA", "America/Toronto", "CAD", 0.1300m, 43.6532, -79.3832, "en_CA", -5),
        new("Vancouver", "BC", "CA", "America/Vancouver", "CAD", 0.0500m, 49.2827, -123.1207, "en_CA", -8),
        new("Montreal", "QC", "CA", "America/Toronto", "CAD", 0.1498m, 45.5017, -73.5673, "en_CA", -5),
        new("London", "England", "GB", "Europe/London", "GBP", 0.2000m, 51.5072, -0.1276, "en_GB", 0),
        new("Edinburgh", "Scotland", "GB", "Europe/London", "GBP", 0.2000m, 55.9533, -3.1883, "en_GB", 0),
        new("Bath", "England", "GB", "Europe/London", "GBP", 0.2000m, 51.3811, -2.3590, "en_GB", 0),
        new("Dublin", "Leinster", "IE", "Europe/Dublin", "EUR", 0.2300m, 53.3498, -6.2603, "en_IE", 0),
        new("Paris", "Île-de-France", "FR", "Europe/Paris", "EUR", 0.2000m, 48.8566, 2.3522, "fr", 1),
        new("Florence", "Tuscany", "IT", "Europe/Rome", "EUR", 0.2200m, 43.7696, 11.2558, "it", 1),
        new("Como", "Lombardy", "IT", "Europe/Rome", "EUR", 0.2200m, 45.8081, 9.0852, "it", 1),
        new("Barcelona", "Catalonia", "ES", "Europe/Madrid", "EUR", 0.2100m, 41.3874, 2.1686, "es", 1),
        new("Amsterdam", "North Holland", "NL", "Europe/Amsterdam", "EUR", 0.2100m, 52.3676, 4.9041, "nl", 1),
        new("Zurich", "Zurich", "CH", "Europe/Zurich", "CHF", 0.0810m, 47.3769, 8.5417, "de_CH", 1),
        new("Sydney", "NSW", "AU", "Australia/Sydney", "AUD", 0.1000m, -33.8688, 151.2093, "en_AU", 10),
        new("Melbourne", "VIC", "AU", "Australia/Melbourne", "AUD", 0.1000m, -37.8136, 144.9631, "en_AU", 10),
        new("Auckland", "Auckland", "NZ", "Pacific/Auckland", "NZD", 0.1500m, -36.8485, 174.7633, "en_AU", 12),
        new("Queenstown", "Otago", "NZ", "Pacific/Auckland", "NZD", 0.1500m, -45.0312, 168.6626, "en_AU", 12),
        new("Cape Town", "Western Cape", "ZA", "Africa/Johannesburg", "ZAR", 0.1500m, -33.9249, 18.4241, "en_ZA", 2),
    ];

    public static readonly string[] StudioWords =
    [
        "aurora", "lumiere", "golden", "hour", "silver", "fern", "ivory", "willow", "atelier", "north", "light", "harbor",
        "meadow", "cedar", "saltwater", "velvet", "linen", "juniper", "magnolia", "solstice", "wild", "rose", "gilded",
        "frame", "lens", "studio", "bloom", "sable", "opal", "amber", "sage", "coastal", "alpine", "sparrow", "heirloom",
        "ember", "azure", "marble", "laurel", "moss", "tide", "luna", "haven", "wren", "olive", "copper", "maison", "canvas",
    ];

    public static readonly string[] StudioSuffixes = ["Photography", "Studio", "Photo Co.", "Atelier", "Portraits", "Weddings", "Collective", "Fine Art Photography"];

    public static readonly string[] Venues =
    [
        "Rosewood Estate", "The Glasshouse", "Willow Creek Vineyard", "Harbor View Ballroom", "Cedar Lake Lodge",
        "The Grand Conservatory", "Villa Bellavista", "Château Lumière", "The Old Mill Barn", "Seaside Pavilion",
        "The Atelier Loft", "Magnolia Gardens", "Oakridge Country Club", "The Observatory Rooftop", "Stonebridge Manor",
        "Ivy House", "Lakeside Boathouse", "Palazzo Verde", "Silver Birch Farm", "The Library Hotel", "Cliffside Chapel",
        "The Orangery", "Bluebell Hall", "Juniper Ridge Ranch", "The Foundry", "Waverly Castle", "Saltmarsh Inn",
        "The Botanical Pavilion", "Highland Lodge", "Marina Terrace",
    ];

    public static readonly string[] PortraitLocations =
    [
        "Studio (natural light suite)", "City Botanical Garden", "Waterfront Promenade", "Old Town Square",
        "Client's home", "Lighthouse Point", "Riverside Park", "Sunflower Fields", "Historic Library", "Rooftop Terrace",
    ];

    public static readonly Dictionary<string, SeedPackage[]> Packages = new(StringComparer.Ordinal)
    {
        ["wedding"] = [new("Signature Collection", 6500, 9500, 8), new("Heirloom Collection", 9500, 14500, 10), new("Luxe Full Weekend", 14500, 24000, 16), new("Intimate Elopement", 3800, 5500, 4)],
        ["engagement"] = [new("Engagement Session", 650, 1100, 2), new("Editorial Engagement", 1100, 1800, 3)],
        ["portrait"] = [new("Classic Portrait", 450, 900, 1), new("Editorial Portrait", 900, 1800, 2)],
        ["family"] = [new("Family Heirloom Session", 650, 1300, 2), new("Extended Family Session", 1100, 1900, 2)],
        ["newborn"] = [new("Newborn Studio Session", 750, 1500, 3), new("Fresh 48 Hospital Session", 600, 1000, 2)],
        ["boudoir"] = [new("Boudoir Experience", 900, 1600, 2), new("Boudoir Luxe with Album", 1600, 2800, 3)],
        ["corporate"] = [new("Executive Headshots", 900, 2400, 3), new("Brand Story Day", 2500, 6500, 6)],
        ["event"] = [new("Gala Coverage", 2200, 6000, 5), new("Private Party Coverage", 1200, 2800, 3)],
        ["other"] = [new("Custom Commission", 500, 3000, 2)],
    };

    public static readonly SeedAddOn[] WeddingAddOns =
    [
        new("Second photographer (8 hours)", 1200), new("Engagement session", 850), new("Heirloom leather album, 12x12, 40 pages", 2400),
        new("Parent albums (pair)", 1100), new("Rehearsal dinner coverage (3 hours)", 1500), new("Drone coverage", 600),
        new("Additional hour of coverage", 450), new("48-hour sneak peek gallery", 350), new("Travel and accommodation", 900),
    ];

    public static readonly SeedAddOn[] PortraitAddOns =
    [
        new("Fine-art print collection", 750), new("Framed canvas 24x36", 650), new("Hair and makeup artist", 400),
        new("Additional look / outfit", 250), new("Rush editing (one week)", 500), new("Keepsake folio box with 10 prints", 950),
    ];

    /// <summary>Inquiry messages about celebrations: {0} what, {1} venue, {2} date, {3} where they found the studio, {4} guests.</summary>
    public static readonly string[] CelebrationMessages =
    [
        "Hi! We just got engaged and are planning our {0} at {1} around {2}. We love how natural and editorial your work feels. Do you have availability, and could you share your collections?",
        "Hello, I found you on {3} and fell in love with your portfolio. We are looking for a photographer for our {0} on {2}. Our budget is flexible for the right fit.",
        "We are planning an intimate {0} for about {4} guests at {1}. Could you send pricing and let us know if {2} is open?",
        "Hi there, is {2} still available? It is a {0} at {1}. We would want full-day coverage plus an album.",
        "We are destination planners working with a couple on a {0} at {1}. Do you travel, and what are your travel fees?",
        "We have a rough date of {2} for our {0}. Still comparing photographers, but your galleries are stunning.",
        "Can you share a full gallery from a {0} at a venue like {1}? We want to see the whole story, not only the highlights.",
        "Quick question about availability on {2} and whether a second photographer is included for about {4} guests.",
    ];

    /// <summary>Inquiry messages about sessions: {0} what, {2} date, {3} where they found the studio.</summary>
    public static readonly string[] SessionMessages =
    [
        "Hello! I found you on {3} and would love to book a {0}. Is {2} possible?",
        "My friend booked you last year and could not stop raving. I would love to know more about your {0} options.",
        "Could you tell me more about what is included in a {0}? We are especially interested in prints and an heirloom album.",
        "Hi! We would love a {0} in golden hour light, ideally outdoors. What does your calendar look like around {2}?",
        "Looking for someone patient and calm for a {0}. Could we have a quick call this week?",
        "Do you have any openings for a {0} around {2}? Happy to come to the studio.",
    ];

    public static readonly string[] LostReasons =
    [
        "Booked another photographer", "Budget below our collections", "Date already booked", "Event postponed indefinitely",
        "No reply after three follow-ups", "Chose a photo and video bundle elsewhere", "Decided to elope without coverage",
        "Venue has an exclusive photographer",
    ];

    public static readonly string[] InquirySummaries = ["Inquiry form submitted", "Inquiry via Instagram DM", "Inquiry by email", "Referral introduction"];
    public static readonly string[] CallSummaries = ["Discovery call", "Follow-up call about packages", "Call to confirm date availability", "Left voicemail"];
    public static readonly string[] EmailSummaries = ["Sent pricing guide", "Sent collections and sample gallery", "Followed up on proposal", "Answered questions about albums", "Sent availability for consultation"];
    public static readonly string[] MeetingSummaries = ["Consultation at the studio", "Video consultation", "Venue walkthrough", "Coffee meeting to review collections"];
    public static readonly string[] NoteSummaries = ["Prefers film-inspired editing", "Very interested in the heirloom album", "Decision expected after venue tour", "Budget conversation needed", "Parents are paying, include them in emails"];
    public static readonly string[] InteractionBodies =
    [
        "Talked through the timeline for the day, coverage hours and album options. They want a warm, editorial look and loved the sample gallery.",
        "Sent the 2026 collections guide with the heirloom album add-on and the second photographer option. Will follow up in three days.",
        "They are comparing two photographers. Main questions were turnaround time and whether raw files are delivered (they are not).",
        "Confirmed the date is open. Offered to hold it for seven days pending the retainer.",
        "Walked the venue with the planner: ceremony on the lawn, first look by the fountain, reception in the glasshouse.",
    ];

    public static readonly string[] ClientNotes =
    [
        "Prefers text messages over calls.", "VIP: referred three couples so far.", "Allergic to lilies (for styled shoots).",
        "Mother of the bride is the main contact for logistics.", "Loves black and white edits.", "Wants a private gallery, no social media sharing.",
        "Anniversary session every year in October.", "Pay by bank transfer only.",
    ];

    public static readonly string[] SessionNotes =
    [
        "Golden hour portraits at 7:15 pm.", "Shot list received, includes grandparents group photo.", "Parking behind the venue, loading dock access.",
        "Bring the 85mm and the off-camera flash kit.", "First look planned before the ceremony.", "Client wants candid coverage of the speeches.",
    ];

    public static readonly Dictionary<string, (string Title, int OffsetDays)[]> TimelineSteps = new(StringComparer.Ordinal)
    {
        ["wedding"] =
        [
            ("Retainer and contract received", -300), ("Engagement session", -180), ("Wedding questionnaire sent", -60),
            ("Timeline call with planner", -30), ("Final shot list confirmed", -14), ("Wedding day", 0),
            ("Sneak peek delivered", 3), ("Full gallery delivered", 42), ("Album design proof", 60), ("Album ordered", 75),
        ],
        ["engagement"] = [("Location scouting", -21), ("Outfit guide sent", -14), ("Session", 0), ("Sneak peek delivered", 2), ("Gallery delivered", 14)],
        ["portrait"] = [("Style consultation", -14), ("Session", 0), ("Proofing gallery", 7), ("Final retouched images", 14)],
        ["family"] = [("Wardrobe guide sent", -14), ("Session", 0), ("Gallery delivered", 14), ("Print order placed", 30)],
        ["newborn"] = [("Due date check-in", -30), ("Studio prepared (props, warmth)", -1), ("Session", 0), ("Gallery delivered", 21)],
        ["boudoir"] = [("Consultation and mood board", -21), ("Hair and makeup booked", -14), ("Session", 0), ("Reveal appointment", 21), ("Album delivered", 45)],
        ["corporate"] = [("Brief and shot list agreed", -14), ("Location recce", -7), ("Shoot day", 0), ("Selects delivered", 3), ("Final licensed images", 10)],
        ["event"] = [("Run sheet received", -10), ("Event coverage", 0), ("Same-week highlights", 4), ("Full gallery delivered", 14)],
        ["other"] = [("Brief agreed", -14), ("Session", 0), ("Gallery delivered", 14)],
    };

    public static readonly string[] ClientDocumentNames =
    [
        "Wedding questionnaire.pdf", "Family shot list.pdf", "Signed contract.pdf", "Invoice {0}.pdf", "Venue model release.pdf",
        "Mood board.jpg", "Day-of timeline.pdf", "Album proof v2.pdf", "Print order.pdf", "Location permit.pdf",
    ];

    public static readonly string[] ClientDocumentKinds =
    [
        "questionnaire", "shot_list", "contract", "invoice", "model_release", "moodboard", "other", "other", "invoice", "other",
    ];

    public static readonly string[] LeadDocumentNames =
    [
        "Venue floor plan.pdf", "Inspiration board.jpg", "Planner timeline draft.pdf", "Pinterest screenshots.png",
        "Budget worksheet.xlsx", "Save the date.jpg",
    ];

    public static readonly string[] ImagePrefixes = ["DSC", "IMG", "AUR", "NL", "_MG", "DSCF"];

    public static readonly string[] UserAgents =
    [
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Safari/605.1.15",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (iPad; CPU OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0",
        "Mozilla/5.0 (Linux; Android 14; SM-S928B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/137.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36 Edg/138.0.0.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.7 Mobile/15E148 Safari/604.1",
    ];

    /// <summary>How a client would name a session type in a sentence.</summary>
    public static string Noun(string sessionType) => sessionType switch
    {
        "wedding" => "wedding",
        "engagement" => "engagement session",
        "portrait" => "portrait session",
        "family" => "family session",
        "newborn" => "newborn session",
        "boudoir" => "boudoir session",
        "corporate" => "brand shoot",
        "event" => "event",
        _ => "photo session",
    };

    /// <summary>Display label of a session type, for titles.</summary>
    public static string Label(string sessionType) => sessionType switch
    {
        "wedding" => "Wedding",
        "engagement" => "Engagement",
        "portrait" => "Portraits",
        "family" => "Family Session",
        "newborn" => "Newborn Session",
        "boudoir" => "Boudoir Session",
        "corporate" => "Brand Shoot",
        "event" => "Event Coverage",
        _ => "Photo Session",
    };
}
