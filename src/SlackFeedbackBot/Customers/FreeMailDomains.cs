namespace SlackFeedbackBot.Customers;

/// <summary>
/// Email domains anyone can sign up on: a reporter at gmail.com says nothing about which customer they are, so these never
/// match a customer and cannot be given to one.
/// </summary>
public static class FreeMailDomains
{
    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "ymail.com", "rocketmail.com",
        "hotmail.com", "hotmail.co.uk", "hotmail.fr", "hotmail.de", "outlook.com", "live.com", "msn.com", "passport.com",
        "icloud.com", "me.com", "mac.com", "aol.com", "aim.com", "proton.me", "protonmail.com", "pm.me", "tutanota.com",
        "tuta.io", "gmx.com", "gmx.net", "gmx.de", "web.de", "t-online.de", "freenet.de", "mail.com", "email.com",
        "zoho.com", "zohomail.com", "yandex.com", "yandex.ru", "mail.ru", "bk.ru", "inbox.ru", "list.ru", "rambler.ru",
        "qq.com", "163.com", "126.com", "sina.com", "naver.com", "daum.net", "hanmail.net", "rediffmail.com",
        "orange.fr", "wanadoo.fr", "free.fr", "laposte.net", "libero.it", "virgilio.it", "btinternet.com", "sky.com",
        "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "bellsouth.net", "cox.net", "fastmail.com", "hey.com",
        "duck.com", "hushmail.com", "seznam.cz", "wp.pl", "o2.pl", "interia.pl", "uol.com.br", "bol.com.br",
    };

    public static bool Contains(string domain) => Known.Contains(domain.Trim().TrimEnd('.'));
}
