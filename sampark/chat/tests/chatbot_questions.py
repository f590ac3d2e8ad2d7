"""The chatbot's evaluation set: questions as clients of a brokerage in Bangladesh and India type
them into the chat box, in English, Bengali and Hindi, each with the key of the knowledge-base
topic (sampark.demo.knowledge_base) that answers it, or None for a question the knowledge base
cannot answer, where the bot must hand the visitor over to a person rather than pretend. The
questions are paraphrases written as clients would put them, not copies of the article titles.
"""

from __future__ import annotations

# (language, question, topic key or None)
QUESTIONS: tuple[tuple[str, str, str | None], ...] = (
    # reset-password
    ("en", "i forgot my password and cant log in", "reset-password"),
    (
        "en",
        (
            "Hello, my login got locked after I typed the wrong password a few times. How do "
            "I get back in?"
        ),
        "reset-password",
    ),
    ("bn", "পাসওয়ার্ড মনে নেই, লগইন করতে পারছি না", "reset-password"),
    (
        "bn",
        "কয়েকবার ভুল পাসওয়ার্ড দেওয়ায় আমার অ্যাকাউন্ট লক হয়ে গেছে। এখন নতুন পাসওয়ার্ড কীভাবে বানাবো?",
        "reset-password",
    ),
    ("hi", "पासवर्ड भूल गया हूँ अब लॉगिन कैसे करूँ", "reset-password"),
    (
        "hi",
        "नमस्ते, कई बार गलत पासवर्ड डालने से मेरा अकाउंट लॉक हो गया है, नया पासवर्ड कैसे बनाऊँ?",
        "reset-password",
    ),
    # change-contact-details
    ("en", "I got a new phone number, how do I update it in my account?", "change-contact-details"),
    ("en", "change the email id linked to my trading account", "change-contact-details"),
    (
        "bn",
        "আমার মোবাইল নম্বর বদলেছি, অ্যাকাউন্টে নতুন নম্বর কীভাবে দেবো?",
        "change-contact-details",
    ),
    ("bn", "অ্যাকাউন্টের ইমেইল ঠিকানা আপডেট করতে চাই", "change-contact-details"),
    (
        "hi",
        "मेरा मोबाइल नंबर बदल गया है, अकाउंट में नया नंबर कैसे डालूँ?",
        "change-contact-details",
    ),
    ("hi", "खाते में ईमेल आईडी अपडेट करनी है", "change-contact-details"),
    # open-account
    ("en", "what papers do I need to open a demat account with you", "open-account"),
    ("en", "I want to start investing in shares. How can I become your client?", "open-account"),
    ("bn", "বিও অ্যাকাউন্ট খুলতে কী কী কাগজ লাগে?", "open-account"),
    (
        "bn",
        "আমি শেয়ার ব্যবসা শুরু করতে চাই, আপনাদের এখানে অ্যাকাউন্ট করার নিয়ম কী",
        "open-account",
    ),
    ("hi", "डीमैट अकाउंट खोलने के लिए कौन से डॉक्यूमेंट चाहिए", "open-account"),
    ("hi", "मुझे शेयर बाजार में निवेश शुरू करना है, आपके यहाँ खाता कैसे खुलेगा?", "open-account"),
    # close-account
    ("en", "I want to terminate my account with sampark, what's the process", "close-account"),
    ("en", "I don't trade anymore, please shut down my demat account for good", "close-account"),
    ("bn", "আমার বিও অ্যাকাউন্টটা বন্ধ করে দিতে চাই", "close-account"),
    ("bn", "আর শেয়ার লেনদেন করবো না, অ্যাকাউন্ট একেবারে বাতিল করতে কী করতে হবে?", "close-account"),
    ("hi", "मुझे अपना डीमैट अकाउंट बंद करवाना है", "close-account"),
    ("hi", "अब ट्रेडिंग नहीं करनी, खाता हमेशा के लिए कैसे बंद करूँ", "close-account"),
    # otp-not-received
    ("en", "otp not coming", "otp-not-received"),
    (
        "en",
        (
            "Hi, I'm trying to log in but the verification code SMS never arrives on my "
            "phone. Please help"
        ),
        "otp-not-received",
    ),
    ("bn", "ওটিপি আসছে না", "otp-not-received"),
    ("bn", "লগইন করার সময় মোবাইলে কোনো কোড আসে না, কী করবো?", "otp-not-received"),
    ("hi", "ओटीपी नहीं आ रहा", "otp-not-received"),
    ("hi", "लॉगिन करते समय मोबाइल पर कोड वाला एसएमएस नहीं आता, क्या करूँ?", "otp-not-received"),
    # report-fraud
    (
        "en",
        "someone called saying he is from your office and asked for my OTP. is this real?",
        "report-fraud",
    ),
    (
        "en",
        "got a whatsapp message promising guaranteed 30% profit if I send money, is that you?",
        "report-fraud",
    ),
    (
        "bn",
        "আপনাদের অফিসের লোক পরিচয় দিয়ে একজন ফোনে আমার পিন নম্বর চাইছে, এটা কি ঠিক?",
        "report-fraud",
    ),
    ("bn", "প্রতারকের ফোন এসেছিল, কোথায় অভিযোগ করবো", "report-fraud"),
    (
        "hi",
        "किसी ने कॉल करके खुद को आपकी कंपनी का बताया और ओटीपी माँगा, क्या करूँ?",
        "report-fraud",
    ),
    ("hi", "व्हाट्सऐप पर पक्के मुनाफ़े वाला मैसेज आया है, ये फ्रॉड तो नहीं?", "report-fraud"),
    # update-nominee
    ("en", "how can i add my wife as nominee", "update-nominee"),
    ("en", "who gets my shares if I die? I want to set that up for my son", "update-nominee"),
    ("bn", "নমিনির নাম বদলাতে চাই", "update-nominee"),
    ("bn", "আমার বিও অ্যাকাউন্টে মেয়েকে নমিনি করতে কী লাগবে?", "update-nominee"),
    ("hi", "नॉमिनेशन अपडेट करवाना है", "update-nominee"),
    ("hi", "मेरे बाद मेरे शेयर मेरे बेटे को मिलें, इसके लिए क्या करना होगा?", "update-nominee"),
    # deposit-money
    (
        "en",
        (
            "Hello, I sent money by bKash yesterday but it's not showing in my account yet, "
            "what should I do?"
        ),
        "deposit-money",
    ),
    ("en", "how can i add funds using UPI", "deposit-money"),
    ("bn", "বিকাশ দিয়ে অ্যাকাউন্টে টাকা পাঠাবো কীভাবে?", "deposit-money"),
    (
        "bn",
        "গতকাল ব্যাংক থেকে টাকা ট্রান্সফার করেছি কিন্তু ব্যালেন্সে এখনো দেখাচ্ছে না",
        "deposit-money",
    ),
    ("hi", "यूपीआई से फंड कैसे ऐड करें", "deposit-money"),
    ("hi", "कल एनईएफटी से पैसे भेजे थे पर अभी तक बैलेंस में नहीं दिख रहे", "deposit-money"),
    # withdraw-money
    ("en", "how long until the money reaches my bank after I sell my shares", "withdraw-money"),
    ("en", "i want to take out 50000 from my trading account", "withdraw-money"),
    ("bn", "অ্যাকাউন্ট থেকে টাকা তুলবো কীভাবে?", "withdraw-money"),
    ("bn", "শেয়ার বিক্রি করেছি, টাকা কবে ব্যাংকে পাবো?", "withdraw-money"),
    ("hi", "पैसे निकालने हैं, कितने दिन में बैंक में आएँगे?", "withdraw-money"),
    ("hi", "शेयर बेचने के बाद पैसा अपने बैंक खाते में कैसे ट्रांसफर करूँ", "withdraw-money"),
    # dividend-not-received
    ("en", "company announced dividend but i didnt get anything", "dividend-not-received"),
    (
        "en",
        "Where does the cash dividend go? I can't see it in my trading balance.",
        "dividend-not-received",
    ),
    ("bn", "ডিভিডেন্ডের টাকা এখনো পাইনি", "dividend-not-received"),
    (
        "bn",
        "কোম্পানি লভ্যাংশ ঘোষণা করেছে কিন্তু আমার ব্যাংকে কিছু আসেনি কেন?",
        "dividend-not-received",
    ),
    ("hi", "डिविडेंड का पैसा नहीं आया", "dividend-not-received"),
    (
        "hi",
        "कंपनी ने लाभांश दिया था पर मेरे बैंक में कुछ नहीं आया, क्यों?",
        "dividend-not-received",
    ),
    # place-order
    ("en", "how do i buy shares in the app", "place-order"),
    ("en", "I want to sell only if the price reaches 250, how do I set that?", "place-order"),
    ("bn", "অ্যাপ থেকে শেয়ার কিনবো কীভাবে?", "place-order"),
    ("bn", "লিমিট অর্ডার আর মার্কেট অর্ডারের পার্থক্য কী", "place-order"),
    ("hi", "ऐप से शेयर कैसे खरीदें", "place-order"),
    ("hi", "मुझे अपने शेयर एक तय दाम पर बेचने हैं, ऑर्डर कैसे लगाऊँ?", "place-order"),
    # order-rejected
    ("en", "my buy order failed, why", "order-rejected"),
    (
        "en",
        (
            "Tried to sell my shares this morning but the order was not accepted, not sure "
            "what went wrong"
        ),
        "order-rejected",
    ),
    ("bn", "কেনার অর্ডার দিলাম, কিন্তু রিজেক্টেড দেখাচ্ছে কেন?", "order-rejected"),
    (
        "bn",
        "শেয়ার বেচতে গেলাম কিন্তু অর্ডারটা বাতিল হয়ে গেল, কারণ বুঝতে পারছি না",
        "order-rejected",
    ),
    ("hi", "मेरा सेल ऑर्डर रिजेक्ट दिखा रहा है, ऐसा क्यों?", "order-rejected"),
    ("hi", "शेयर खरीदने का ऑर्डर डाला था लेकिन फेल हो गया, कारण क्या है?", "order-rejected"),
    # apply-ipo
    ("en", "is there a way to subscribe to the upcoming IPO from the app", "apply-ipo"),
    ("en", "I bid in an IPO but got no allotment, when will my money be unblocked?", "apply-ipo"),
    ("bn", "নতুন আইপিওতে অ্যাপ্লাই করার নিয়ম কী?", "apply-ipo"),
    ("bn", "আইপিও লটারিতে শেয়ার পাইনি, টাকা কবে ফেরত আসবে", "apply-ipo"),
    ("hi", "आईपीओ में अप्लाई कैसे करें", "apply-ipo"),
    ("hi", "आईपीओ में शेयर अलॉट नहीं हुए, पैसा कब अनब्लॉक होगा?", "apply-ipo"),
    # trading-hours
    ("en", "what time does the market open", "trading-hours"),
    ("en", "is the stock market open on eid?", "trading-hours"),
    ("bn", "শেয়ারবাজার কয়টায় খোলে আর কয়টায় বন্ধ হয়?", "trading-hours"),
    ("bn", "ঈদের ছুটিতে কি লেনদেন বন্ধ থাকবে?", "trading-hours"),
    ("hi", "मार्केट कितने बजे खुलता है", "trading-hours"),
    ("hi", "क्या दिवाली के दिन शेयर बाज़ार बंद रहेगा?", "trading-hours"),
    # brokerage-fees
    ("en", "how much commission do you charge per trade", "brokerage-fees"),
    (
        "en",
        "why was more money deducted than the share price when i bought? what charges are there",
        "brokerage-fees",
    ),
    ("bn", "প্রতি লেনদেনে কমিশন কত কাটেন?", "brokerage-fees"),
    ("bn", "বিও অ্যাকাউন্টের বার্ষিক ফি কত?", "brokerage-fees"),
    ("hi", "ब्रोकरेज कितना लगता है", "brokerage-fees"),
    ("hi", "शेयर खरीदने पर कौन-कौन से चार्ज कटते हैं?", "brokerage-fees"),
    # statements-and-tax
    ("en", "where can i download last month's statement", "statements-and-tax"),
    (
        "en",
        "I need a profit and loss report for filing my income tax this year",
        "statements-and-tax",
    ),
    ("bn", "গত মাসের স্টেটমেন্ট কোথায় পাবো?", "statements-and-tax"),
    ("bn", "আয়কর রিটার্ন জমা দিতে শেয়ারের লাভ-ক্ষতির হিসাব দরকার", "statements-and-tax"),
    ("hi", "कॉन्ट्रैक्ट नोट कहाँ से डाउनलोड करूँ", "statements-and-tax"),
    ("hi", "आईटीआर भरने के लिए कैपिटल गेन रिपोर्ट चाहिए", "statements-and-tax"),
    # off-topic: nothing in the knowledge base answers these
    ("en", "what will the weather be like in Dhaka tomorrow", None),
    ("en", "tell me a joke", None),
    ("en", "which share will double next month?", None),
    ("en", "my bank's ATM card is stuck in the machine, what do I do", None),
    ("en", "how do I open a restaurant account on Zomato", None),
    ("en", "my UPI payment for the electricity bill failed", None),
    ("bn", "কাল ঢাকায় বৃষ্টি হবে কি?", None),
    ("bn", "একটা মজার কৌতুক শোনাও", None),
    ("bn", "কোন শেয়ার কিনলে আগামী মাসে টাকা দ্বিগুণ হবে?", None),
    ("bn", "ব্যাংকের এটিএম মেশিনে আমার কার্ড আটকে গেছে, এখন কী করবো", None),
    ("bn", "বিকাশ অ্যাকাউন্টের পিন ভুলে গেছি", None),
    ("bn", "ধানমন্ডিতে ভালো রেস্টুরেন্ট কোনটা?", None),
    ("hi", "कल मुंबई में मौसम कैसा रहेगा", None),
    ("hi", "कोई चुटकुला सुनाओ", None),
    ("hi", "अगले महीने कौन सा शेयर डबल होगा?", None),
    ("hi", "मेरा एटीएम कार्ड मशीन में फँस गया है, क्या करूँ", None),
    ("hi", "ज़ोमैटो पर रेस्टोरेंट का अकाउंट कैसे खोलें", None),
    ("hi", "ट्रेन का टिकट कैसे बुक करूँ", None),
)
