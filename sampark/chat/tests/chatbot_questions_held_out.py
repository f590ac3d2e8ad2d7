"""The chat assistant's held-out evaluation set: questions as clients type them, written apart
from the first set and from the assistant, and never used to tune it; each with the knowledge
base topic that answers it, or None where the assistant must hand over to a person."""

# The Bengali digits zero and four are the text's own digits, not look-alikes of Latin O and 8.
# ruff: noqa: RUF001

from __future__ import annotations

QUESTIONS: tuple[tuple[str, str, str | None], ...] = (
    # (language, question, topic key or None)
    # reset-password
    ("en", "forgot my password cant login", "reset-password"),
    (
        "en",
        "I typed the wrong password too many times and now it says my login is locked. "
        "What do I do?",
        "reset-password",
    ),
    ("bn", "পাসওয়ার্ড ভুলে গেছি, লগইন করতে পারছি না", "reset-password"),
    ("bn", "কয়েকবার ভুল পাসওয়ার্ড দেওয়ার পর লগইন লক হয়ে গেছে, এখন কী করব?", "reset-password"),
    ("hi", "पासवर्ड भूल गया हूँ नया कैसे बनाऊं", "reset-password"),
    ("hi", "बार बार गलत पासवर्ड डालने से लॉगिन लॉक हो गया है, क्या करूँ?", "reset-password"),
    # change-contact-details
    (
        "en",
        "My old SIM is lost and I've taken a new number. How can I get it registered with you?",
        "change-contact-details",
    ),
    ("en", "how to change the email address on my profile", "change-contact-details"),
    (
        "bn",
        "পুরনো সিমটা হারিয়ে গেছে, নতুন মোবাইল নম্বর অ্যাকাউন্টে কীভাবে চেঞ্জ করব?",
        "change-contact-details",
    ),
    ("bn", "আমার ইমেইল অ্যাড্রেস বদলাতে চাই, কোথা থেকে করব?", "change-contact-details"),
    (
        "hi",
        "मेरा मोबाइल नंबर बदल गया है, अकाउंट में नया नंबर कैसे अपडेट करूं?",
        "change-contact-details",
    ),
    ("hi", "ईमेल आईडी चेंज करनी है, पुराना वाला अब बंद हो गया", "change-contact-details"),
    # open-account
    ("en", "what papers do I need to open a BO account", "open-account"),
    (
        "en",
        "Hello, my wife wants to start investing in shares with you. How can she open an "
        "account and how long does it take?",
        "open-account",
    ),
    ("bn", "বিও অ্যাকাউন্ট খুলতে কী কী কাগজ লাগে", "open-account"),
    (
        "bn",
        "আসসালামু আলাইকুম, আমি শেয়ার ব্যবসা শুরু করতে চাই। আপনাদের এখানে অ্যাকাউন্ট খোলার নিয়ম কী?",
        "open-account",
    ),
    ("hi", "डीमैट अकाउंट खोलने के लिए कौन कौन से डॉक्यूमेंट लगेंगे?", "open-account"),
    (
        "hi",
        "नमस्ते, मैं पहली बार शेयर मार्केट में पैसा लगाना चाहता हूँ। आपके यहाँ खाता कैसे खुलेगा?",
        "open-account",
    ),
    # close-account
    ("en", "I want to shut my account with you, what is the process", "close-account"),
    (
        "en",
        "I'm moving to another broker and want to close everything here. Do I need to sell my "
        "shares first?",
        "close-account",
    ),
    ("bn", "আমার বিও অ্যাকাউন্টটা একেবারে বন্ধ করে দিতে চাই", "close-account"),
    (
        "bn",
        "অন্য ব্রোকার হাউজে চলে যাচ্ছি, এখানকার হিসাব বন্ধ করতে হলে কী করতে হবে?",
        "close-account",
    ),
    ("hi", "मुझे अपना ट्रेडिंग अकाउंट हमेशा के लिए बंद करवाना है", "close-account"),
    (
        "hi",
        "दूसरे ब्रोकर के पास शिफ्ट हो रहा हूँ, यहाँ का खाता बंद करने से पहले शेयरों का क्या करूँ?",
        "close-account",
    ),
    # otp-not-received
    ("en", "the code SMS is not coming when I try to log in", "otp-not-received"),
    ("en", "no otp received for 10 minutes, tried resend twice", "otp-not-received"),
    ("bn", "লগইনের সময় মোবাইলে কোড আসছে না", "otp-not-received"),
    ("bn", "ওটিপি এসএমএস পাচ্ছি না, তিনবার রিসেন্ড দিলাম", "otp-not-received"),
    ("hi", "लॉगिन करते समय ओटीपी नहीं आ रहा", "otp-not-received"),
    ("hi", "कोड वाला मैसेज नहीं आता, फोन में नेटवर्क पूरा है", "otp-not-received"),
    # report-fraud
    (
        "en",
        "Someone called saying he is from Sampark and asked for my OTP. Is this genuine?",
        "report-fraud",
    ),
    (
        "en",
        "got a whatsapp message promising 30% monthly profit if I send money to a bkash number, "
        "is it you?",
        "report-fraud",
    ),
    (
        "bn",
        "একজন ফোন করে বলল সে আপনাদের অফিস থেকে, আমার ওটিপি চাইছে। এটা কি ঠিক?",
        "report-fraud",
    ),
    (
        "bn",
        "আপনাদের নাম করে একজন প্রতি মাসে নিশ্চিত লাভের কথা বলে বিকাশে টাকা পাঠাতে বলছে, এটা কি প্রতারণা?",
        "report-fraud",
    ),
    (
        "hi",
        "किसी ने कॉल करके कहा वो संपर्क से है और मेरा ओटीपी मांगा, क्या ये सही है?",
        "report-fraud",
    ),
    (
        "hi",
        "एक व्हाट्सऐप ग्रुप में आपकी कंपनी का नाम लेकर पक्का मुनाफा बोलकर यूपीआई पर पैसे भेजने को कह रहे हैं",
        "report-fraud",
    ),
    # update-nominee
    ("en", "how can I make my son the nominee for my shares", "update-nominee"),
    (
        "en",
        "I want to make sure my daughter gets my shares if something happens to me. How do I "
        "set that up?",
        "update-nominee",
    ),
    (
        "bn",
        "আমার কিছু হয়ে গেলে শেয়ারগুলো যেন আমার ছেলে পায়, সেজন্য কী করতে হবে?",
        "update-nominee",
    ),
    ("bn", "নমিনি বদলাতে চাই, স্ত্রীর নাম দিতে চাই", "update-nominee"),
    ("hi", "मेरे बाद मेरे शेयर मेरे बेटे को मिलें, इसके लिए क्या करना होगा?", "update-nominee"),
    ("hi", "नॉमिनी में पत्नी का नाम जोड़ना है", "update-nominee"),
    # deposit-money
    ("en", "how to put money in my account through bkash", "deposit-money"),
    (
        "en",
        "I sent money by NEFT three hours ago but it's still not showing in my balance",
        "deposit-money",
    ),
    ("bn", "বিকাশ থেকে অ্যাকাউন্টে টাকা ঢুকাব কীভাবে?", "deposit-money"),
    ("bn", "গতকাল ব্যাংক থেকে টাকা পাঠিয়েছি, কিন্তু ব্যালেন্সে এখনো দেখাচ্ছে না", "deposit-money"),
    ("hi", "यूपीआई से ट्रेडिंग अकाउंट में पैसे कैसे डालूं", "deposit-money"),
    (
        "hi",
        "आईएमपीएस से पैसा भेजा था दो घंटे पहले, अभी तक बैलेंस में नहीं दिख रहा",
        "deposit-money",
    ),
    # withdraw-money
    ("en", "how do i take my money out", "withdraw-money"),
    ("en", "I sold shares yesterday, when can I transfer the money to my bank?", "withdraw-money"),
    ("bn", "অ্যাকাউন্ট থেকে টাকা তুলে ব্যাংকে নিতে চাই, কীভাবে করব?", "withdraw-money"),
    ("bn", "আজকে শেয়ার বেচলাম, টাকাটা কবে ব্যাংকে নিতে পারব?", "withdraw-money"),
    ("hi", "अपने पैसे बैंक में वापस कैसे निकालूं?", "withdraw-money"),
    ("hi", "कल शेयर बेचे थे, उसका पैसा बैंक में कब ट्रांसफर कर सकता हूँ?", "withdraw-money"),
    # dividend-not-received
    (
        "en",
        "company declared dividend last month but I didnt get anything",
        "dividend-not-received",
    ),
    (
        "en",
        "Where does the dividend money go? I don't see it in my trading balance.",
        "dividend-not-received",
    ),
    ("bn", "ডিভিডেন্ডের টাকা এখনো পাইনি", "dividend-not-received"),
    (
        "bn",
        "কোম্পানি এক মাস আগে লভ্যাংশ ঘোষণা করেছে, কিন্তু আমার ব্যাংকে কিছু আসেনি",
        "dividend-not-received",
    ),
    ("hi", "डिविडेंड अभी तक नहीं आया", "dividend-not-received"),
    (
        "hi",
        "कंपनी ने लाभांश दिया था लेकिन मेरे बैंक खाते में पूरे पैसे नहीं आए, कुछ कम आए",
        "dividend-not-received",
    ),
    # place-order
    ("en", "how do I buy shares on your app", "place-order"),
    (
        "en",
        "I want to sell my shares only when the price goes up to 250 taka. Can I set that?",
        "place-order",
    ),
    ("bn", "অ্যাপ দিয়ে শেয়ার কিনব কীভাবে?", "place-order"),
    ("bn", "দাম ৪০ টাকায় নামলে তবেই কিনবে, এমন অর্ডার দেওয়া যায়?", "place-order"),
    ("hi", "ऐप से शेयर कैसे खरीदें", "place-order"),
    ("hi", "शेयर अपनी तय कीमत पर ही बेचना है, ऐसा ऑर्डर कैसे लगाऊं?", "place-order"),
    # order-rejected
    ("en", "my buy order got rejected why", "order-rejected"),
    (
        "en",
        "I tried to sell my shares but the order keeps failing. What could be the reason?",
        "order-rejected",
    ),
    ("bn", "অর্ডার দিলাম কিন্তু রিজেক্ট দেখাচ্ছে কেন", "order-rejected"),
    (
        "bn",
        "শেয়ার বিক্রির অর্ডার দিলে সিস্টেম নিচ্ছে না, বারবার ফেরত আসছে। সমস্যা কোথায়?",
        "order-rejected",
    ),
    ("hi", "मेरा ऑर्डर रिजेक्ट क्यों हो गया", "order-rejected"),
    ("hi", "खरीदने का ऑर्डर डाला तो फेल हो गया, बैलेंस तो है फिर भी", "order-rejected"),
    # apply-ipo
    ("en", "how to apply in new IPO", "apply-ipo"),
    (
        "en",
        "I want to subscribe to the upcoming public issue using UPI, what are the steps?",
        "apply-ipo",
    ),
    ("bn", "আইপিওতে আবেদন করার নিয়ম কী", "apply-ipo"),
    (
        "bn",
        "নতুন কোম্পানির শেয়ারের লটারিতে আবেদন করতে চাই, অ্যাপ থেকে কীভাবে করব?",
        "apply-ipo",
    ),
    ("hi", "आईपीओ में अप्लाई कैसे करें", "apply-ipo"),
    ("hi", "आईपीओ में शेयर नहीं मिले तो ब्लॉक हुआ पैसा कब वापस आएगा?", "apply-ipo"),
    # trading-hours
    ("en", "what time does the market open", "trading-hours"),
    ("en", "Is the stock market open on Eid day?", "trading-hours"),
    ("bn", "বাজার কয়টা থেকে কয়টা পর্যন্ত খোলা থাকে?", "trading-hours"),
    ("bn", "রোজার মাসে ডিএসইর লেনদেনের সময় কি বদলায়?", "trading-hours"),
    ("hi", "शेयर बाजार कितने बजे खुलता है", "trading-hours"),
    ("hi", "दिवाली पर मार्केट खुला रहेगा क्या?", "trading-hours"),
    # brokerage-fees
    ("en", "how much commission do you take per trade", "brokerage-fees"),
    ("en", "Is there any yearly charge for keeping the BO account?", "brokerage-fees"),
    ("bn", "প্রতি লেনদেনে আপনারা কত কমিশন কাটেন?", "brokerage-fees"),
    ("bn", "বিও অ্যাকাউন্টের জন্য বছরে কোনো ফি দিতে হয় কি?", "brokerage-fees"),
    ("hi", "डिलीवरी पर कितना ब्रोकरेज लगता है?", "brokerage-fees"),
    (
        "hi",
        "इंट्राडे में हर ट्रेड पर कितनी फ़ीस कटती है, जीएसटी भी लगता है क्या?",
        "brokerage-fees",
    ),
    # statements-and-tax
    (
        "en",
        "I need my capital gains statement for filing my income tax return",
        "statements-and-tax",
    ),
    (
        "en",
        "downloaded my portfolio statement but the pdf is asking for a password",
        "statements-and-tax",
    ),
    (
        "bn",
        "আয়কর রিটার্ন জমা দিতে আমার শেয়ারের লাভ-লোকসানের কাগজ লাগবে, কোথায় পাব?",
        "statements-and-tax",
    ),
    ("bn", "গত মাসের পোর্টফোলিও স্টেটমেন্ট ডাউনলোড করব কীভাবে", "statements-and-tax"),
    ("hi", "आईटीआर भरने के लिए कैपिटल गेन रिपोर्ट कहाँ मिलेगी", "statements-and-tax"),
    ("hi", "कॉन्ट्रैक्ट नोट की पीडीएफ खुल नहीं रही, पासवर्ड मांग रही है", "statements-and-tax"),
    # Off-topic: the knowledge base cannot answer these, some share a word with it
    ("en", "will it rain in Dhaka tomorrow", None),
    ("en", "what's the score in the India vs Bangladesh match", None),
    ("en", "my credit card bill payment failed, what should I do", None),
    ("en", "How do I open a savings account at Sonali Bank?", None),
    ("en", "which share should I buy this week for quick profit", None),
    ("en", "forgot my gmail password, how do I recover it", None),
    ("bn", "আজকে ঢাকায় বৃষ্টি হবে নাকি?", None),
    ("bn", "গরুর মাংসের কালাভুনা রান্নার রেসিপি দিন", None),
    ("bn", "আমার জিপি নম্বরে রিচার্জ হচ্ছে না, টাকা কেটে নিয়েছে", None),
    ("bn", "সোনালী ব্যাংকে সেভিংস অ্যাকাউন্ট খুলতে কী লাগে?", None),
    ("bn", "কোন শেয়ার কিনলে এই মাসে ভালো লাভ হবে?", None),
    ("bn", "ভারতের টুরিস্ট ভিসার জন্য কীভাবে আবেদন করব?", None),
    ("hi", "आज दिल्ली में मौसम कैसा रहेगा?", None),
    ("hi", "कल के मैच में कोहली ने कितने रन बनाए?", None),
    ("hi", "मेरे क्रेडिट कार्ड का बिल पेमेंट फेल हो गया, पैसा कट गया", None),
    ("hi", "एसबीआई में सेविंग अकाउंट कैसे खोलें?", None),
    ("hi", "कौन सा शेयर खरीदूं जो जल्दी डबल हो जाए?", None),
    ("hi", "ट्रेन का तत्काल टिकट कैसे बुक करें?", None),
)
