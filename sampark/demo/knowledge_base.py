"""The knowledge base of the demo and of the chatbot's evaluation: the help-centre articles a
brokerage, Sampark Securities, publishes for its clients in Bangladesh and India (logging in,
opening and closing an account, OTPs, fraud, nominees, deposits, withdrawals, dividends, orders,
IPOs, market hours, fees, statements and tax reports), each topic written in English, Bengali and
Hindi, the three versions saying the same thing."""

# The Bengali digits zero and four are the text's own digits, not look-alikes of Latin O and 8.
# ruff: noqa: RUF001

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    key: str  # stable id, e.g. "reset-password"
    category: str  # key of a category in CATEGORIES
    articles: dict[str, tuple[str, str]]  # language ("en", "bn", "hi") -> (title, body HTML)


CATEGORIES: dict[str, dict[str, str]] = {
    "account": {"en": "Account and login", "bn": "অ্যাকাউন্ট ও লগইন", "hi": "खाता और लॉगिन"},
    "security": {"en": "Security and KYC", "bn": "নিরাপত্তা ও কেওয়াইসি", "hi": "सुरक्षा और केवाईसी"},
    "funds": {
        "en": "Deposits, withdrawals and dividends",
        "bn": "টাকা জমা, উত্তোলন ও ডিভিডেন্ড",
        "hi": "जमा, निकासी और डिविडेंड",
    },
    "trading": {"en": "Trading and orders", "bn": "লেনদেন ও অর্ডার", "hi": "ट्रेडिंग और ऑर्डर"},
    "reports": {
        "en": "Fees, statements and tax",
        "bn": "ফি, স্টেটমেন্ট ও কর",
        "hi": "शुल्क, स्टेटमेंट और टैक्स",
    },
}

TOPICS: tuple[Topic, ...] = (
    Topic(
        key="reset-password",
        category="account",
        articles={
            "en": (
                "Reset a forgotten password",
                (
                    "<p>If you have forgotten your password, you can set a new one yourself in a "
                    "few minutes.</p>"
                    "<ol><li>On the login page of the app or website, tap <strong>Forgot "
                    "password?</strong></li>"
                    "<li>Enter your client code and your date of birth.</li>"
                    "<li>Enter the one-time code (OTP) we send to your registered mobile "
                    "number.</li>"
                    "<li>Choose a new password of at least 8 characters, with at least one letter "
                    "and one number, then log in with it.</li></ol>"
                    "<p>After five wrong attempts in a row, your login is locked for 30 minutes. "
                    "Resetting the password unlocks it at once. If you have forgotten your client "
                    "code too, you will find it on every contract note and in your welcome "
                    "email.</p>"
                ),
            ),
            "bn": (
                "ভুলে যাওয়া পাসওয়ার্ড রিসেট করুন",
                (
                    "<p>পাসওয়ার্ড ভুলে গেলে কয়েক মিনিটেই নিজে নতুন পাসওয়ার্ড সেট করতে "
                    "পারবেন।</p>"
                    "<ol><li>অ্যাপ বা ওয়েবসাইটের লগইন পেজে <strong>পাসওয়ার্ড ভুলে "
                    "গেছেন?</strong> চাপুন।</li>"
                    "<li>আপনার ক্লায়েন্ট কোড ও জন্মতারিখ লিখুন।</li>"
                    "<li>আপনার নিবন্ধিত মোবাইল নম্বরে পাঠানো ওয়ান-টাইম কোড (ওটিপি) দিন।</li>"
                    "<li>কমপক্ষে ৮ অক্ষরের একটি নতুন পাসওয়ার্ড বেছে নিন, যাতে অন্তত একটি বর্ণ ও "
                    "একটি সংখ্যা থাকে, তারপর সেটি দিয়ে লগইন করুন।</li></ol>"
                    "<p>পরপর পাঁচবার ভুল পাসওয়ার্ড দিলে লগইন ৩০ মিনিটের জন্য বন্ধ হয়ে যায়। "
                    "পাসওয়ার্ড রিসেট করলে সঙ্গে সঙ্গে তা আবার খুলে যায়। ক্লায়েন্ট কোডও ভুলে "
                    "গেলে প্রতিটি কন্ট্রাক্ট নোটে ও আপনার স্বাগত ইমেইলে তা পাবেন।</p>"
                ),
            ),
            "hi": (
                "भूला हुआ पासवर्ड रीसेट करें",
                (
                    "<p>पासवर्ड भूल गए हैं तो आप कुछ ही मिनटों में खुद नया पासवर्ड बना सकते "
                    "हैं।</p>"
                    "<ol><li>ऐप या वेबसाइट के लॉगिन पेज पर <strong>पासवर्ड भूल गए?</strong> पर "
                    "टैप करें।</li>"
                    "<li>अपना क्लाइंट कोड और जन्मतिथि डालें।</li>"
                    "<li>अपने रजिस्टर्ड मोबाइल नंबर पर भेजा गया वन-टाइम कोड (ओटीपी) डालें।</li>"
                    "<li>कम से कम 8 कैरेक्टर का नया पासवर्ड चुनें, जिसमें कम से कम एक अक्षर और एक "
                    "अंक हो, फिर उससे लॉगिन करें।</li></ol>"
                    "<p>लगातार पाँच बार गलत पासवर्ड डालने पर लॉगिन 30 मिनट के लिए लॉक हो जाता है। "
                    "पासवर्ड रीसेट करते ही यह तुरंत खुल जाता है। अगर क्लाइंट कोड भी भूल गए हैं, "
                    "तो यह हर कॉन्ट्रैक्ट नोट और आपके वेलकम ईमेल में लिखा होता है।</p>"
                ),
            ),
        },
    ),
    Topic(
        key="change-contact-details",
        category="account",
        articles={
            "en": (
                "Change your registered mobile number or email",
                (
                    "<p>Your OTPs, contract notes and statements go to your registered mobile "
                    "number and email address, so keep them up to date.</p>"
                    "<ol><li>Log in and open <strong>Profile → Contact details</strong>.</li>"
                    "<li>Enter the new mobile number or email address.</li>"
                    "<li>Confirm with the OTPs sent to both the old and the new number or "
                    "address.</li></ol>"
                    "<p>If you no longer have the old number, send us a signed change request "
                    "form with a copy of your NID (Bangladesh) or PAN (India). The change is "
                    "updated with the depository (CDBL, or CDSL/NSDL) within two working days. "
                    "For your safety, withdrawals are paused for 24 hours after a change.</p>"
                ),
            ),
            "bn": (
                "নিবন্ধিত মোবাইল নম্বর বা ইমেইল পরিবর্তন",
                (
                    "<p>আপনার নিবন্ধিত মোবাইল নম্বর ও ইমেইল ঠিকানায় ওটিপি, কন্ট্রাক্ট নোট ও "
                    "স্টেটমেন্ট যায়, তাই এগুলো সবসময় হালনাগাদ রাখুন।</p>"
                    "<ol><li>লগইন করে <strong>প্রোফাইল → যোগাযোগের তথ্য</strong> খুলুন।</li>"
                    "<li>নতুন মোবাইল নম্বর বা ইমেইল ঠিকানা লিখুন।</li>"
                    "<li>পুরোনো ও নতুন দুই নম্বরে বা ঠিকানায় পাঠানো ওটিপি দিয়ে নিশ্চিত "
                    "করুন।</li></ol>"
                    "<p>পুরোনো নম্বরটি আর আপনার কাছে না থাকলে স্বাক্ষর করা পরিবর্তনের আবেদন ফরম "
                    "এবং আপনার জাতীয় পরিচয়পত্র (বাংলাদেশ) বা প্যান কার্ডের (ভারত) কপি আমাদের "
                    "পাঠান। দুই কর্মদিবসের মধ্যে ডিপোজিটরিতে (সিডিবিএল, বা সিডিএসএল/এনএসডিএল) "
                    "পরিবর্তনটি হালনাগাদ হয়। আপনার নিরাপত্তার জন্য পরিবর্তনের পর ২৪ ঘণ্টা টাকা "
                    "উত্তোলন বন্ধ থাকে।</p>"
                ),
            ),
            "hi": (
                "रजिस्टर्ड मोबाइल नंबर या ईमेल बदलें",
                (
                    "<p>आपके ओटीपी, कॉन्ट्रैक्ट नोट और स्टेटमेंट आपके रजिस्टर्ड मोबाइल नंबर और "
                    "ईमेल पर ही आते हैं, इसलिए इन्हें हमेशा अपडेट रखें।</p>"
                    "<ol><li>लॉगिन करके <strong>प्रोफ़ाइल → संपर्क विवरण</strong> खोलें।</li>"
                    "<li>नया मोबाइल नंबर या ईमेल पता डालें।</li>"
                    "<li>पुराने और नए, दोनों नंबरों या पतों पर भेजे गए ओटीपी से पुष्टि करें।</li>"
                    "</ol>"
                    "<p>अगर पुराना नंबर अब आपके पास नहीं है, तो हस्ताक्षर किया हुआ बदलाव अनुरोध "
                    "फ़ॉर्म अपने एनआईडी (बांग्लादेश) या पैन (भारत) की कॉपी के साथ हमें भेजें। दो "
                    "कामकाजी दिनों में डिपॉज़िटरी (सीडीबीएल, या सीडीएसएल/एनएसडीएल) में बदलाव "
                    "अपडेट हो जाता है। आपकी सुरक्षा के लिए बदलाव के बाद 24 घंटे तक पैसे निकालना "
                    "बंद रहता है।</p>"
                ),
            ),
        },
    ),
    Topic(
        key="open-account",
        category="account",
        articles={
            "en": (
                "Open a new account: documents you need",
                (
                    "<p>You can open an account online in about 15 minutes. Keep these ready:</p>"
                    "<ul><li><strong>Bangladesh (BO account):</strong> your NID, a recent photo, "
                    "your nominee's photo and NID, and a cheque leaf or bank statement of an "
                    "account in your own name.</li>"
                    "<li><strong>India (trading and demat account):</strong> your PAN, Aadhaar "
                    "linked to your mobile number, a photo, your signature on white paper, and a "
                    "cancelled cheque or bank statement.</li></ul>"
                    "<p>Fill in the form, upload the documents and sign electronically. In India "
                    "you also complete a short video verification. We check your KYC and activate "
                    "the account within one to two working days; your client code is sent to you "
                    "by SMS and email.</p>"
                ),
            ),
            "bn": (
                "নতুন অ্যাকাউন্ট খোলা: যেসব কাগজপত্র লাগবে",
                (
                    "<p>প্রায় ১৫ মিনিটেই অনলাইনে অ্যাকাউন্ট খুলতে পারবেন। এগুলো হাতের কাছে "
                    "রাখুন:</p>"
                    "<ul><li><strong>বাংলাদেশ (বিও অ্যাকাউন্ট):</strong> আপনার জাতীয় পরিচয়পত্র "
                    "(এনআইডি), সাম্প্রতিক ছবি, নমিনির ছবি ও এনআইডি, এবং নিজের নামের ব্যাংক "
                    "অ্যাকাউন্টের চেকের পাতা বা ব্যাংক স্টেটমেন্ট।</li>"
                    "<li><strong>ভারত (ট্রেডিং ও ডিম্যাট অ্যাকাউন্ট):</strong> আপনার প্যান, "
                    "মোবাইল নম্বরের সঙ্গে যুক্ত আধার, ছবি, সাদা কাগজে আপনার স্বাক্ষর, এবং বাতিল "
                    "করা চেক বা ব্যাংক স্টেটমেন্ট।</li></ul>"
                    "<p>ফরম পূরণ করুন, কাগজপত্র আপলোড করুন এবং ইলেকট্রনিকভাবে স্বাক্ষর দিন। ভারতে "
                    "একটি ছোট ভিডিও যাচাইও করতে হয়। আমরা আপনার কেওয়াইসি যাচাই করে এক থেকে দুই "
                    "কর্মদিবসের মধ্যে অ্যাকাউন্ট চালু করি; আপনার ক্লায়েন্ট কোড এসএমএস ও ইমেইলে "
                    "পাঠানো হয়।</p>"
                ),
            ),
            "hi": (
                "नया खाता खोलें: कौन-से दस्तावेज़ चाहिए",
                (
                    "<p>आप लगभग 15 मिनट में ऑनलाइन खाता खोल सकते हैं। ये चीज़ें तैयार रखें:</p>"
                    "<ul><li><strong>बांग्लादेश (बीओ खाता):</strong> आपका एनआईडी, हाल की फ़ोटो, "
                    "नॉमिनी की फ़ोटो और एनआईडी, और अपने नाम के बैंक खाते की चेक लीफ़ या बैंक "
                    "स्टेटमेंट।</li>"
                    "<li><strong>भारत (ट्रेडिंग और डीमैट खाता):</strong> आपका पैन, मोबाइल नंबर से "
                    "लिंक आधार, फ़ोटो, सफ़ेद कागज़ पर आपके हस्ताक्षर, और कैंसल किया हुआ चेक या "
                    "बैंक स्टेटमेंट।</li></ul>"
                    "<p>फ़ॉर्म भरें, दस्तावेज़ अपलोड करें और इलेक्ट्रॉनिक रूप से हस्ताक्षर करें। "
                    "भारत में एक छोटा वीडियो वेरिफ़िकेशन भी होता है। हम आपकी केवाईसी जाँचकर एक से "
                    "दो कामकाजी दिनों में खाता चालू कर देते हैं; आपका क्लाइंट कोड एसएमएस और ईमेल "
                    "से भेजा जाता है।</p>"
                ),
            ),
        },
    ),
    Topic(
        key="close-account",
        category="account",
        articles={
            "en": (
                "Close your account",
                (
                    "<p>We are sorry to see you go. Before closing, please:</p>"
                    "<ol><li>Sell your shares, or transfer them to a BO or demat account with "
                    "another broker.</li>"
                    "<li>Clear any dues, such as unpaid charges or a negative balance.</li></ol>"
                    "<p>Then download the <strong>account closure form</strong> from our website, "
                    "sign it (in a joint account all holders must sign) and send it to us with a "
                    "copy of your NID or PAN. Any money left in the account is sent to your "
                    "registered bank account. Closure usually takes seven working days and we "
                    "confirm it by email. A closed account cannot be reopened; you would need to "
                    "open a new one.</p>"
                ),
            ),
            "bn": (
                "অ্যাকাউন্ট বন্ধ করা",
                (
                    "<p>আপনি চলে যাচ্ছেন জেনে আমরা দুঃখিত। বন্ধ করার আগে অনুগ্রহ করে:</p>"
                    "<ol><li>আপনার শেয়ার বিক্রি করুন, অথবা অন্য ব্রোকারের বিও বা ডিম্যাট "
                    "অ্যাকাউন্টে স্থানান্তর করুন।</li>"
                    "<li>অপরিশোধিত চার্জ বা নেগেটিভ ব্যালেন্সের মতো সব বকেয়া পরিশোধ করুন।</li>"
                    "</ol>"
                    "<p>এরপর আমাদের ওয়েবসাইট থেকে <strong>অ্যাকাউন্ট বন্ধের ফরম</strong> ডাউনলোড "
                    "করে স্বাক্ষর দিন (যৌথ অ্যাকাউন্টে সব হিসাবধারীর স্বাক্ষর লাগবে) এবং আপনার "
                    "এনআইডি বা প্যানের কপিসহ আমাদের পাঠান। অ্যাকাউন্টে থাকা অবশিষ্ট টাকা আপনার "
                    "নিবন্ধিত ব্যাংক অ্যাকাউন্টে পাঠানো হয়। সাধারণত সাত কর্মদিবস লাগে এবং আমরা "
                    "ইমেইলে তা নিশ্চিত করি। বন্ধ অ্যাকাউন্ট আবার চালু করা যায় না; সেক্ষেত্রে "
                    "নতুন অ্যাকাউন্ট খুলতে হবে।</p>"
                ),
            ),
            "hi": (
                "खाता बंद करें",
                (
                    "<p>आपके जाने का हमें अफ़सोस है। बंद करने से पहले कृपया:</p>"
                    "<ol><li>अपने शेयर बेच दें, या उन्हें किसी दूसरे ब्रोकर के बीओ या डीमैट खाते "
                    "में ट्रांसफ़र करें।</li>"
                    "<li>बकाया चार्ज या नेगेटिव बैलेंस जैसी सभी देनदारियाँ चुका दें।</li></ol>"
                    "<p>फिर हमारी वेबसाइट से <strong>खाता बंद करने का फ़ॉर्म</strong> डाउनलोड "
                    "करें, उस पर हस्ताक्षर करें (संयुक्त खाते में सभी धारकों के हस्ताक्षर ज़रूरी "
                    "हैं) और अपने एनआईडी या पैन की कॉपी के साथ हमें भेजें। खाते में बची रकम आपके "
                    "रजिस्टर्ड बैंक खाते में भेज दी जाती है। आम तौर पर सात कामकाजी दिन लगते हैं "
                    "और हम ईमेल से पुष्टि करते हैं। बंद खाता दोबारा चालू नहीं किया जा सकता; इसके "
                    "लिए नया खाता खोलना होगा।</p>"
                ),
            ),
        },
    ),
    Topic(
        key="otp-not-received",
        category="security",
        articles={
            "en": (
                "Two-factor login: when the OTP does not arrive",
                (
                    "<p>For your safety, every login and withdrawal needs a one-time password "
                    "(OTP) as a second step. If the OTP does not arrive:</p>"
                    "<ul><li>Wait two minutes, then tap <strong>Resend OTP</strong>. Each OTP is "
                    "valid for five minutes.</li>"
                    "<li>Check that your phone has network coverage and that SMS from short codes "
                    "is not blocked (in India, check your DND settings).</li>"
                    "<li>Look for the same OTP in your registered email inbox and spam "
                    "folder.</li>"
                    "<li>If you use an authenticator app, make sure your phone's time is set "
                    "automatically.</li></ul>"
                    "<p>Still nothing after three tries? Call our helpline: we will check the "
                    "delivery and can switch you to OTP by email.</p>"
                ),
            ),
            "bn": (
                "টু-ফ্যাক্টর লগইন: ওটিপি না এলে কী করবেন",
                (
                    "<p>আপনার নিরাপত্তার জন্য প্রতিটি লগইন ও টাকা উত্তোলনে দ্বিতীয় ধাপ হিসেবে "
                    "একটি ওয়ান-টাইম পাসওয়ার্ড (ওটিপি) লাগে। ওটিপি না এলে:</p>"
                    "<ul><li>দুই মিনিট অপেক্ষা করে <strong>আবার ওটিপি পাঠান</strong> চাপুন। "
                    "প্রতিটি ওটিপি পাঁচ মিনিট কার্যকর থাকে।</li>"
                    "<li>ফোনে নেটওয়ার্ক আছে কি না এবং শর্ট কোড থেকে আসা এসএমএস ব্লক করা আছে কি "
                    "না দেখুন (ভারতে ডিএনডি সেটিং দেখুন)।</li>"
                    "<li>নিবন্ধিত ইমেইলের ইনবক্স ও স্প্যাম ফোল্ডারে একই ওটিপি খুঁজুন।</li>"
                    "<li>অথেনটিকেটর অ্যাপ ব্যবহার করলে ফোনের সময় স্বয়ংক্রিয়ভাবে সেট করা আছে কি "
                    "না নিশ্চিত করুন।</li></ul>"
                    "<p>তিনবার চেষ্টার পরও না এলে আমাদের হেল্পলাইনে কল করুন: আমরা ডেলিভারি যাচাই "
                    "করব এবং ইমেইলে ওটিপি পাঠানোর ব্যবস্থা করতে পারি।</p>"
                ),
            ),
            "hi": (
                "टू-फ़ैक्टर लॉगिन: ओटीपी न आए तो क्या करें",
                (
                    "<p>आपकी सुरक्षा के लिए हर लॉगिन और पैसे निकालने पर दूसरे चरण के रूप में "
                    "वन-टाइम पासवर्ड (ओटीपी) ज़रूरी है। अगर ओटीपी नहीं आ रहा है:</p>"
                    "<ul><li>दो मिनट रुकें, फिर <strong>ओटीपी दोबारा भेजें</strong> पर टैप करें। "
                    "हर ओटीपी पाँच मिनट तक मान्य रहता है।</li>"
                    "<li>देखें कि फ़ोन में नेटवर्क है और शॉर्ट कोड से आने वाले एसएमएस ब्लॉक नहीं "
                    "हैं (भारत में अपनी डीएनडी सेटिंग जाँचें)।</li>"
                    "<li>वही ओटीपी अपने रजिस्टर्ड ईमेल के इनबॉक्स और स्पैम फ़ोल्डर में "
                    "देखें।</li>"
                    "<li>अगर आप ऑथेंटिकेटर ऐप इस्तेमाल करते हैं, तो पक्का करें कि फ़ोन का समय "
                    "अपने-आप सेट होता है।</li></ul>"
                    "<p>तीन बार कोशिश के बाद भी न आए तो हमारी हेल्पलाइन पर कॉल करें: हम डिलीवरी "
                    "जाँचेंगे और ईमेल से ओटीपी भेजने की सुविधा चालू कर सकते हैं।</p>"
                ),
            ),
        },
    ),
    Topic(
        key="report-fraud",
        category="security",
        articles={
            "en": (
                "Report a suspicious call or message",
                (
                    "<p><strong>Sampark Securities will never ask for your password, PIN or "
                    "OTP</strong> by phone, SMS, WhatsApp or email, and never asks you to send "
                    "money to a personal bKash or UPI number.</p>"
                    "<p>If someone calls claiming to be from us, promises guaranteed profits or "
                    "asks for these details:</p>"
                    "<ol><li>Do not share anything; hang up.</li>"
                    "<li>Report it to our helpline or to security@sampark-securities.example with "
                    "the caller's number and a screenshot.</li>"
                    "<li>If you have already shared a code or password, change your password at "
                    "once and call us: we can freeze your account within minutes.</li></ol>"
                    "<p>You can also report the fraud to the police or the cyber-crime "
                    "helpline.</p>"
                ),
            ),
            "bn": (
                "সন্দেহজনক কল বা মেসেজ সম্পর্কে জানান",
                (
                    "<p><strong>সম্পর্ক সিকিউরিটিজ কখনোই ফোন, এসএমএস, হোয়াটসঅ্যাপ বা ইমেইলে "
                    "আপনার পাসওয়ার্ড, পিন বা ওটিপি চায় না</strong>, এবং কোনো ব্যক্তিগত বিকাশ বা "
                    "ইউপিআই নম্বরে টাকা পাঠাতে বলে না।</p>"
                    "<p>কেউ আমাদের লোক পরিচয় দিয়ে কল করলে, নিশ্চিত মুনাফার প্রতিশ্রুতি দিলে বা "
                    "এসব তথ্য চাইলে:</p>"
                    "<ol><li>কিছুই জানাবেন না; কল কেটে দিন।</li>"
                    "<li>কলারের নম্বর ও স্ক্রিনশটসহ আমাদের হেল্পলাইনে বা "
                    "security@sampark-securities.example ঠিকানায় জানান।</li>"
                    "<li>ইতিমধ্যে কোনো কোড বা পাসওয়ার্ড দিয়ে থাকলে সঙ্গে সঙ্গে পাসওয়ার্ড বদলান "
                    "এবং আমাদের কল করুন: আমরা কয়েক মিনিটের মধ্যে আপনার অ্যাকাউন্ট ফ্রিজ করতে "
                    "পারি।</li></ol>"
                    "<p>প্রতারণার বিষয়টি পুলিশ বা সাইবার অপরাধ হেল্পলাইনেও জানাতে পারেন।</p>"
                ),
            ),
            "hi": (
                "संदिग्ध कॉल या मैसेज की शिकायत करें",
                (
                    "<p><strong>संपर्क सिक्योरिटीज कभी भी फ़ोन, एसएमएस, व्हाट्सऐप या ईमेल पर आपका "
                    "पासवर्ड, पिन या ओटीपी नहीं माँगती</strong>, और न ही किसी निजी बीकैश या "
                    "यूपीआई नंबर पर पैसे भेजने को कहती है।</p>"
                    "<p>अगर कोई हमारी ओर से होने का दावा करके कॉल करे, पक्के मुनाफ़े का वादा करे "
                    "या ये जानकारियाँ माँगे:</p>"
                    "<ol><li>कुछ भी न बताएँ; कॉल काट दें।</li>"
                    "<li>कॉल करने वाले के नंबर और स्क्रीनशॉट के साथ हमारी हेल्पलाइन या "
                    "security@sampark-securities.example पर सूचना दें।</li>"
                    "<li>अगर आप कोई कोड या पासवर्ड बता चुके हैं, तो तुरंत पासवर्ड बदलें और हमें "
                    "कॉल करें: हम कुछ ही मिनटों में आपका खाता फ़्रीज़ कर सकते हैं।</li></ol>"
                    "<p>आप धोखाधड़ी की शिकायत पुलिस या साइबर अपराध हेल्पलाइन पर भी कर सकते "
                    "हैं।</p>"
                ),
            ),
        },
    ),
    Topic(
        key="update-nominee",
        category="security",
        articles={
            "en": (
                "Add or change a nominee",
                (
                    "<p>If something happens to you, your nominee receives the shares and money "
                    "in your account without a long legal process. You can name one or more "
                    "nominees and the percentage each one receives.</p>"
                    "<ul><li><strong>Bangladesh:</strong> fill in the BO nominee form, attach "
                    "each nominee's photo and a copy of their NID, sign it and send it to your "
                    "branch.</li>"
                    "<li><strong>India:</strong> open <strong>Profile → Nominee</strong>, enter "
                    "each nominee's name, relationship, date of birth and share, then e-sign with "
                    "an Aadhaar OTP.</li></ul>"
                    "<p>The change is recorded with the depository within three working days. In "
                    "India, if you do not want a nominee, you must declare this (opt out) on the "
                    "same screen.</p>"
                ),
            ),
            "bn": (
                "নমিনি যোগ বা পরিবর্তন করুন",
                (
                    "<p>আপনার কিছু হলে নমিনি দীর্ঘ আইনি প্রক্রিয়া ছাড়াই আপনার অ্যাকাউন্টের "
                    "শেয়ার ও টাকা পান। আপনি এক বা একাধিক নমিনি রাখতে পারেন এবং প্রত্যেকে কত "
                    "শতাংশ পাবেন তা ঠিক করে দিতে পারেন।</p>"
                    "<ul><li><strong>বাংলাদেশ:</strong> বিও নমিনি ফরম পূরণ করুন, প্রত্যেক নমিনির "
                    "ছবি ও এনআইডির কপি যুক্ত করে স্বাক্ষর দিন এবং আপনার শাখায় পাঠান।</li>"
                    "<li><strong>ভারত:</strong> <strong>প্রোফাইল → নমিনি</strong> খুলুন, প্রত্যেক "
                    "নমিনির নাম, সম্পর্ক, জন্মতারিখ ও অংশ লিখুন, তারপর আধার ওটিপি দিয়ে ই-সাইন "
                    "করুন।</li></ul>"
                    "<p>তিন কর্মদিবসের মধ্যে পরিবর্তনটি ডিপোজিটরিতে নথিভুক্ত হয়। ভারতে নমিনি "
                    "রাখতে না চাইলে একই পেজে সেটি ঘোষণা (অপ্ট আউট) করতে হয়।</p>"
                ),
            ),
            "hi": (
                "नॉमिनी जोड़ें या बदलें",
                (
                    "<p>आपके साथ कुछ होने पर नॉमिनी को लंबी कानूनी प्रक्रिया के बिना आपके खाते के "
                    "शेयर और पैसे मिल जाते हैं। आप एक या उससे ज़्यादा नॉमिनी रख सकते हैं और तय कर "
                    "सकते हैं कि हर एक को कितना प्रतिशत मिलेगा।</p>"
                    "<ul><li><strong>बांग्लादेश:</strong> बीओ नॉमिनी फ़ॉर्म भरें, हर नॉमिनी की "
                    "फ़ोटो और एनआईडी की कॉपी लगाएँ, हस्ताक्षर करें और अपनी शाखा में भेजें।</li>"
                    "<li><strong>भारत:</strong> <strong>प्रोफ़ाइल → नॉमिनी</strong> खोलें, हर "
                    "नॉमिनी का नाम, संबंध, जन्मतिथि और हिस्सा डालें, फिर आधार ओटीपी से ई-साइन "
                    "करें।</li></ul>"
                    "<p>तीन कामकाजी दिनों में बदलाव डिपॉज़िटरी में दर्ज हो जाता है। भारत में अगर "
                    "आप नॉमिनी नहीं रखना चाहते, तो उसी पेज पर इसकी घोषणा (ऑप्ट आउट) करनी होती "
                    "है।</p>"
                ),
            ),
        },
    ),
    Topic(
        key="deposit-money",
        category="funds",
        articles={
            "en": (
                "Add money to your trading account",
                (
                    "<p>Money must come from a bank or wallet account in your own name; payments "
                    "from other people's accounts are returned.</p>"
                    "<ul><li><strong>Bangladesh:</strong> pay with bKash or Nagad from "
                    "<strong>Funds → Deposit</strong> in the app and your balance updates within "
                    "minutes. Bank transfers (BEFTN or NPSB) and cheque deposits take one working "
                    "day.</li>"
                    "<li><strong>India:</strong> UPI and IMPS payments are credited within "
                    "minutes, NEFT and RTGS usually within two hours. Net banking is "
                    "instant.</li></ul>"
                    "<p>If a payment does not show after these times, open <strong>Funds → "
                    "Deposit → Missing payment</strong> and upload the receipt or transaction ID. "
                    "We credit it within one working day.</p>"
                ),
            ),
            "bn": (
                "ট্রেডিং অ্যাকাউন্টে টাকা জমা দিন",
                (
                    "<p>টাকা অবশ্যই আপনার নিজের নামের ব্যাংক বা ওয়ালেট অ্যাকাউন্ট থেকে আসতে হবে; "
                    "অন্য কারও অ্যাকাউন্ট থেকে আসা টাকা ফেরত পাঠানো হয়।</p>"
                    "<ul><li><strong>বাংলাদেশ:</strong> অ্যাপের <strong>ফান্ড → জমা</strong> থেকে "
                    "বিকাশ বা নগদে পেমেন্ট করুন, কয়েক মিনিটেই ব্যালেন্সে যোগ হয়ে যাবে। ব্যাংক "
                    "ট্রান্সফার (বিইএফটিএন বা এনপিএসবি) ও চেক জমায় এক কর্মদিবস লাগে।</li>"
                    "<li><strong>ভারত:</strong> ইউপিআই ও আইএমপিএস পেমেন্ট কয়েক মিনিটের মধ্যে জমা "
                    "হয়, এনইএফটি ও আরটিজিএস সাধারণত দুই ঘণ্টার মধ্যে। নেট ব্যাংকিংয়ে সঙ্গে "
                    "সঙ্গে জমা হয়।</li></ul>"
                    "<p>এই সময়ের পরও টাকা দেখা না গেলে <strong>ফান্ড → জমা → পেমেন্ট পাওয়া "
                    "যায়নি</strong> খুলে রসিদ বা ট্রানজেকশন আইডি আপলোড করুন। আমরা এক কর্মদিবসের "
                    "মধ্যে তা জমা করে দিই।</p>"
                ),
            ),
            "hi": (
                "ट्रेडिंग खाते में पैसे जमा करें",
                (
                    "<p>पैसा आपके अपने नाम के बैंक या वॉलेट खाते से ही आना चाहिए; किसी और के खाते "
                    "से आया पैसा वापस कर दिया जाता है।</p>"
                    "<ul><li><strong>बांग्लादेश:</strong> ऐप में <strong>फ़ंड → जमा</strong> से "
                    "बीकैश या नगद वॉलेट से भुगतान करें, बैलेंस कुछ ही मिनटों में अपडेट हो जाता "
                    "है। बैंक ट्रांसफ़र (बीईएफटीएन या एनपीएसबी) और चेक जमा करने में एक कामकाजी "
                    "दिन लगता है।</li>"
                    "<li><strong>भारत:</strong> यूपीआई और आईएमपीएस से पैसा कुछ ही मिनटों में जमा "
                    "हो जाता है, एनईएफटी और आरटीजीएस से आम तौर पर दो घंटे में। नेट बैंकिंग से "
                    "तुरंत।</li></ul>"
                    "<p>इतने समय के बाद भी पैसा न दिखे तो <strong>फ़ंड → जमा → भुगतान नहीं "
                    "दिखा</strong> खोलकर रसीद या ट्रांज़ैक्शन आईडी अपलोड करें। हम एक कामकाजी दिन "
                    "में इसे जमा कर देते हैं।</p>"
                ),
            ),
        },
    ),
    Topic(
        key="withdraw-money",
        category="funds",
        articles={
            "en": (
                "Withdraw money to your bank account",
                (
                    "<p>You can withdraw money only to the bank account registered with us.</p>"
                    "<ol><li>Open <strong>Funds → Withdraw</strong> and enter the amount.</li>"
                    "<li>Confirm with your OTP.</li></ol>"
                    "<p>Requests made before 1 pm on a working day reach your bank the same day; "
                    "later requests are paid on the next working day. Only settled money can be "
                    "withdrawn: the proceeds of a sale become available after settlement, two "
                    "working days later in Bangladesh (T+2) and one in India (T+1). The "
                    "<strong>Withdrawable balance</strong> on the Funds screen shows the exact "
                    "amount. There is no withdrawal fee; the minimum is Tk 500 or ₹100.</p>"
                ),
            ),
            "bn": (
                "ব্যাংক অ্যাকাউন্টে টাকা উত্তোলন",
                (
                    "<p>শুধু আমাদের কাছে নিবন্ধিত ব্যাংক অ্যাকাউন্টেই টাকা তোলা যায়।</p>"
                    "<ol><li><strong>ফান্ড → উত্তোলন</strong> খুলে টাকার পরিমাণ লিখুন।</li>"
                    "<li>ওটিপি দিয়ে নিশ্চিত করুন।</li></ol>"
                    "<p>কর্মদিবসে দুপুর ১টার আগে অনুরোধ করলে সেদিনই টাকা আপনার ব্যাংকে পৌঁছায়; "
                    "পরে করলে পরের কর্মদিবসে। শুধু সেটেল হওয়া টাকাই তোলা যায়: শেয়ার বিক্রির "
                    "টাকা সেটেলমেন্টের পর পাওয়া যায়, বাংলাদেশে দুই কর্মদিবস পর (টি+২) এবং ভারতে "
                    "এক কর্মদিবস পর (টি+১)। ফান্ড পেজের <strong>উত্তোলনযোগ্য ব্যালেন্স</strong> "
                    "দেখায় ঠিক কত টাকা তোলা যাবে। উত্তোলনে কোনো ফি নেই; সর্বনিম্ন ৫০০ টাকা বা "
                    "১০০ রুপি।</p>"
                ),
            ),
            "hi": (
                "बैंक खाते में पैसे निकालें",
                (
                    "<p>पैसे सिर्फ़ हमारे पास रजिस्टर्ड बैंक खाते में ही निकाले जा सकते हैं।</p>"
                    "<ol><li><strong>फ़ंड → निकासी</strong> खोलें और रकम डालें।</li>"
                    "<li>ओटीपी से पुष्टि करें।</li></ol>"
                    "<p>कामकाजी दिन में दोपहर 1 बजे से पहले किया गया अनुरोध उसी दिन आपके बैंक में "
                    "पहुँच जाता है; बाद के अनुरोधों का भुगतान अगले कामकाजी दिन होता है। सिर्फ़ "
                    "सेटल हुआ पैसा निकाला जा सकता है: शेयर बेचने की रकम सेटलमेंट के बाद मिलती है, "
                    "बांग्लादेश में दो कामकाजी दिन बाद (टी+2) और भारत में एक कामकाजी दिन बाद "
                    "(टी+1)। फ़ंड पेज पर <strong>निकासी योग्य बैलेंस</strong> सही रकम दिखाता है। "
                    "निकासी पर कोई फ़ीस नहीं है; न्यूनतम रकम 500 टका या ₹100 है।</p>"
                ),
            ),
        },
    ),
    Topic(
        key="dividend-not-received",
        category="funds",
        articles={
            "en": (
                "Dividend not received?",
                (
                    "<p>Cash dividends are paid by the company directly into the bank account "
                    "linked to your BO or demat account, not into your trading balance. Stock "
                    "(bonus) shares arrive in your BO or demat account.</p>"
                    "<p>If you have not received a dividend:</p>"
                    "<ul><li>Check that you held the shares on the record date (in India, you "
                    "must have bought them before the ex-dividend date).</li>"
                    "<li>Check the payment date announced by the company; payment can take up to "
                    "30 days after the dividend is declared or approved.</li>"
                    "<li>Make sure the bank details on your BO or demat account are correct. If "
                    "they were wrong, correct them and ask the company's share department or "
                    "registrar to pay again.</li></ul>"
                    "<p>In India, tax (TDS) may be deducted, so the amount can be smaller than "
                    "you expect.</p>"
                ),
            ),
            "bn": (
                "ডিভিডেন্ড পাননি?",
                (
                    "<p>নগদ ডিভিডেন্ড কোম্পানি সরাসরি আপনার বিও বা ডিম্যাট অ্যাকাউন্টের সঙ্গে "
                    "যুক্ত ব্যাংক অ্যাকাউন্টে পাঠায়, ট্রেডিং ব্যালেন্সে নয়। স্টক (বোনাস) শেয়ার "
                    "আসে আপনার বিও বা ডিম্যাট অ্যাকাউন্টে।</p>"
                    "<p>ডিভিডেন্ড না পেলে:</p>"
                    "<ul><li>রেকর্ড ডেটে শেয়ারগুলো আপনার কাছে ছিল কি না দেখুন (ভারতে "
                    "এক্স-ডিভিডেন্ড তারিখের আগে কিনতে হয়)।</li>"
                    "<li>কোম্পানির ঘোষিত পেমেন্টের তারিখ দেখুন; ডিভিডেন্ড ঘোষণা বা অনুমোদনের পর "
                    "টাকা আসতে ৩০ দিন পর্যন্ত লাগতে পারে।</li>"
                    "<li>বিও বা ডিম্যাট অ্যাকাউন্টে ব্যাংকের তথ্য ঠিক আছে কি না নিশ্চিত করুন। ভুল "
                    "থাকলে তা সংশোধন করে কোম্পানির শেয়ার বিভাগ বা রেজিস্ট্রারকে আবার টাকা পাঠাতে "
                    "বলুন।</li></ul>"
                    "<p>ভারতে উৎসে কর (টিডিএস) কাটা হতে পারে, তাই টাকার পরিমাণ প্রত্যাশার চেয়ে "
                    "কম হতে পারে।</p>"
                ),
            ),
            "hi": (
                "डिविडेंड नहीं मिला?",
                (
                    "<p>नकद डिविडेंड कंपनी सीधे आपके बीओ या डीमैट खाते से जुड़े बैंक खाते में "
                    "भेजती है, ट्रेडिंग बैलेंस में नहीं। स्टॉक (बोनस) शेयर आपके बीओ या डीमैट खाते "
                    "में आते हैं।</p>"
                    "<p>अगर डिविडेंड नहीं मिला है:</p>"
                    "<ul><li>देखें कि रिकॉर्ड डेट पर शेयर आपके पास थे (भारत में एक्स-डिविडेंड "
                    "तारीख से पहले खरीदना ज़रूरी है)।</li>"
                    "<li>कंपनी की घोषित भुगतान तारीख देखें; डिविडेंड की घोषणा या मंज़ूरी के बाद "
                    "पैसा आने में 30 दिन तक लग सकते हैं।</li>"
                    "<li>पक्का करें कि बीओ या डीमैट खाते में बैंक विवरण सही है। गलत हो तो उसे ठीक "
                    "कराएँ और कंपनी के शेयर विभाग या रजिस्ट्रार से दोबारा भुगतान करने को "
                    "कहें।</li></ul>"
                    "<p>भारत में टैक्स (टीडीएस) कट सकता है, इसलिए रकम उम्मीद से कम हो सकती "
                    "है।</p>"
                ),
            ),
        },
    ),
    Topic(
        key="place-order",
        category="trading",
        articles={
            "en": (
                "Buying and selling shares: order types",
                (
                    "<ol><li>Search for the share by its name or trading code and tap "
                    "<strong>Buy</strong> or <strong>Sell</strong>.</li>"
                    "<li>Enter the quantity.</li>"
                    "<li>Choose the order type:<ul>"
                    "<li><strong>Market order</strong>: executes at once at the best price "
                    "available.</li>"
                    "<li><strong>Limit order</strong>: you set the price; it executes only at "
                    "that price or better and waits in the queue until then.</li></ul></li>"
                    "<li>Check the total and confirm with your trading PIN.</li></ol>"
                    "<p>Follow your order under <strong>Orders</strong>: “Open” means it is "
                    "waiting, “Executed” means it is done. You can change or cancel an open order "
                    "until it executes. Limit orders that have not executed are cancelled at the "
                    "end of the day.</p>"
                ),
            ),
            "bn": (
                "শেয়ার কেনাবেচা: অর্ডারের ধরন",
                (
                    "<ol><li>নাম বা ট্রেডিং কোড দিয়ে শেয়ারটি খুঁজুন এবং <strong>কিনুন</strong> "
                    "বা <strong>বিক্রি করুন</strong> চাপুন।</li>"
                    "<li>শেয়ারের পরিমাণ লিখুন।</li>"
                    "<li>অর্ডারের ধরন বেছে নিন:<ul>"
                    "<li><strong>মার্কেট অর্ডার</strong>: সঙ্গে সঙ্গে বাজারের সেরা দামে সম্পন্ন "
                    "হয়।</li>"
                    "<li><strong>লিমিট অর্ডার</strong>: দাম আপনি ঠিক করেন; শুধু সেই দামে বা তার "
                    "চেয়ে ভালো দামে সম্পন্ন হয়, ততক্ষণ সারিতে অপেক্ষা করে।</li></ul></li>"
                    "<li>মোট টাকার পরিমাণ দেখে ট্রেডিং পিন দিয়ে নিশ্চিত করুন।</li></ol>"
                    "<p><strong>অর্ডার</strong> পেজে অর্ডারের অবস্থা দেখুন: “ওপেন” মানে "
                    "অপেক্ষমাণ, “এক্সিকিউটেড” মানে সম্পন্ন। সম্পন্ন হওয়ার আগ পর্যন্ত ওপেন অর্ডার "
                    "বদলানো বা বাতিল করা যায়। সম্পন্ন না হওয়া লিমিট অর্ডার দিনশেষে বাতিল হয়ে "
                    "যায়।</p>"
                ),
            ),
            "hi": (
                "शेयर खरीदना-बेचना: ऑर्डर के प्रकार",
                (
                    "<ol><li>नाम या ट्रेडिंग कोड से शेयर खोजें और <strong>खरीदें</strong> या "
                    "<strong>बेचें</strong> पर टैप करें।</li>"
                    "<li>शेयरों की संख्या डालें।</li>"
                    "<li>ऑर्डर का प्रकार चुनें:<ul>"
                    "<li><strong>मार्केट ऑर्डर</strong>: तुरंत उस समय की सबसे अच्छी कीमत पर पूरा "
                    "होता है।</li>"
                    "<li><strong>लिमिट ऑर्डर</strong>: कीमत आप तय करते हैं; यह सिर्फ़ उसी कीमत या "
                    "उससे बेहतर कीमत पर पूरा होता है और तब तक कतार में इंतज़ार करता है।</li>"
                    "</ul></li>"
                    "<li>कुल रकम जाँचें और ट्रेडिंग पिन से पुष्टि करें।</li></ol>"
                    "<p><strong>ऑर्डर</strong> में अपने ऑर्डर की स्थिति देखें: “ओपन” का मतलब है "
                    "इंतज़ार में, “एक्ज़ीक्यूटेड” का मतलब है पूरा हुआ। पूरा होने तक ओपन ऑर्डर को "
                    "बदला या रद्द किया जा सकता है। जो लिमिट ऑर्डर पूरे नहीं होते, वे दिन के अंत "
                    "में रद्द हो जाते हैं।</p>"
                ),
            ),
        },
    ),
    Topic(
        key="order-rejected",
        category="trading",
        articles={
            "en": (
                "Why an order is rejected",
                (
                    "<p>The reason is shown under <strong>Orders</strong>: tap the rejected "
                    "order. The most common reasons are:</p>"
                    "<ul><li><strong>Not enough balance</strong>: the order value plus charges is "
                    "more than your available funds.</li>"
                    "<li><strong>Price outside the circuit limit</strong>: the exchange accepts "
                    "prices only within a daily band; adjust your limit price.</li>"
                    "<li><strong>Market closed</strong>: the order was placed outside trading "
                    "hours.</li>"
                    "<li><strong>No shares to sell</strong>: you are selling more than you hold, "
                    "or shares that have not been settled yet.</li>"
                    "<li><strong>Restricted share</strong>: the exchange has suspended or limited "
                    "trading in it.</li></ul>"
                    "<p>Fix the cause and place the order again. A rejected order costs you "
                    "nothing.</p>"
                ),
            ),
            "bn": (
                "অর্ডার কেন রিজেক্ট হয়",
                (
                    "<p>কারণটি <strong>অর্ডার</strong> পেজে দেখা যায়: রিজেক্ট হওয়া অর্ডারে "
                    "চাপুন। সবচেয়ে সাধারণ কারণগুলো হলো:</p>"
                    "<ul><li><strong>যথেষ্ট ব্যালেন্স নেই</strong>: চার্জসহ অর্ডারের মূল্য আপনার "
                    "ব্যবহারযোগ্য টাকার চেয়ে বেশি।</li>"
                    "<li><strong>দাম সার্কিট লিমিটের বাইরে</strong>: এক্সচেঞ্জ প্রতিদিন একটি "
                    "নির্দিষ্ট সীমার মধ্যেই দাম গ্রহণ করে; আপনার লিমিট দাম ঠিক করুন।</li>"
                    "<li><strong>মার্কেট বন্ধ</strong>: লেনদেনের সময়ের বাইরে অর্ডার দেওয়া "
                    "হয়েছে।</li>"
                    "<li><strong>বিক্রির জন্য শেয়ার নেই</strong>: যত শেয়ার আছে তার বেশি বিক্রি "
                    "করছেন, অথবা এখনো সেটেল হয়নি এমন শেয়ার বিক্রি করছেন।</li>"
                    "<li><strong>নিষেধাজ্ঞাযুক্ত শেয়ার</strong>: এক্সচেঞ্জ শেয়ারটির লেনদেন "
                    "স্থগিত বা সীমিত করেছে।</li></ul>"
                    "<p>কারণটি ঠিক করে আবার অর্ডার দিন। রিজেক্ট হওয়া অর্ডারে কোনো খরচ নেই।</p>"
                ),
            ),
            "hi": (
                "ऑर्डर रिजेक्ट क्यों होता है",
                (
                    "<p>कारण <strong>ऑर्डर</strong> में दिखता है: रिजेक्ट हुए ऑर्डर पर टैप करें। "
                    "सबसे आम कारण ये हैं:</p>"
                    "<ul><li><strong>बैलेंस काफ़ी नहीं</strong>: चार्ज सहित ऑर्डर की कीमत आपके "
                    "उपलब्ध फ़ंड से ज़्यादा है।</li>"
                    "<li><strong>कीमत सर्किट लिमिट से बाहर</strong>: एक्सचेंज हर दिन एक तय दायरे "
                    "में ही कीमत स्वीकार करता है; अपनी लिमिट कीमत बदलें।</li>"
                    "<li><strong>मार्केट बंद</strong>: ऑर्डर ट्रेडिंग के समय के बाहर दिया "
                    "गया।</li>"
                    "<li><strong>बेचने के लिए शेयर नहीं</strong>: आप अपने शेयरों से ज़्यादा बेच "
                    "रहे हैं, या ऐसे शेयर बेच रहे हैं जो अभी सेटल नहीं हुए।</li>"
                    "<li><strong>प्रतिबंधित शेयर</strong>: एक्सचेंज ने उस शेयर में ट्रेडिंग रोकी "
                    "या सीमित की है।</li></ul>"
                    "<p>कारण ठीक करें और दोबारा ऑर्डर दें। रिजेक्ट हुए ऑर्डर पर कोई शुल्क नहीं "
                    "लगता।</p>"
                ),
            ),
        },
    ),
    Topic(
        key="apply-ipo",
        category="trading",
        articles={
            "en": (
                "Apply for an IPO",
                (
                    "<ul><li><strong>Bangladesh:</strong> during the subscription period, open "
                    "<strong>IPO</strong> in the app and apply for the offer; the amount is taken "
                    "from your trading balance. You must hold the minimum investment in listed "
                    "shares set by the BSEC.</li>"
                    "<li><strong>India:</strong> open <strong>IPO</strong> in the app, choose the "
                    "issue, enter the number of lots and your bid price, and give your UPI ID. "
                    "Approve the mandate in your UPI app before 5 pm on the closing day. The "
                    "money is only blocked in your bank account.</li></ul>"
                    "<p>When an issue is oversubscribed, shares are allotted by lottery. If you "
                    "get shares, they arrive in your BO or demat account before listing; if not, "
                    "the money is refunded or unblocked within a few working days.</p>"
                ),
            ),
            "bn": (
                "আইপিওতে আবেদন",
                (
                    "<ul><li><strong>বাংলাদেশ:</strong> চাঁদা গ্রহণের সময়ের মধ্যে অ্যাপে "
                    "<strong>আইপিও</strong> খুলে অফারটিতে আবেদন করুন; টাকা আপনার ট্রেডিং "
                    "ব্যালেন্স থেকে কাটা হবে। বিএসইসি নির্ধারিত ন্যূনতম পরিমাণ বিনিয়োগ "
                    "তালিকাভুক্ত শেয়ারে থাকতে হবে।</li>"
                    "<li><strong>ভারত:</strong> অ্যাপে <strong>আইপিও</strong> খুলে ইস্যুটি বেছে "
                    "নিন, লটের সংখ্যা ও বিড প্রাইস লিখুন এবং আপনার ইউপিআই আইডি দিন। শেষ দিনের "
                    "বিকেল ৫টার আগে ইউপিআই অ্যাপে ম্যান্ডেট অনুমোদন করুন। টাকা শুধু আপনার ব্যাংক "
                    "অ্যাকাউন্টে ব্লক থাকে।</li></ul>"
                    "<p>আবেদন বেশি পড়লে লটারির মাধ্যমে শেয়ার বরাদ্দ হয়। শেয়ার পেলে "
                    "তালিকাভুক্তির আগেই তা আপনার বিও বা ডিম্যাট অ্যাকাউন্টে আসে; না পেলে কয়েক "
                    "কর্মদিবসের মধ্যে টাকা ফেরত বা আনব্লক হয়।</p>"
                ),
            ),
            "hi": (
                "आईपीओ के लिए आवेदन करें",
                (
                    "<ul><li><strong>बांग्लादेश:</strong> सब्सक्रिप्शन अवधि में ऐप में "
                    "<strong>आईपीओ</strong> खोलें और ऑफ़र के लिए आवेदन करें; रकम आपके ट्रेडिंग "
                    "बैलेंस से कटती है। आपके पास बीएसईसी द्वारा तय न्यूनतम राशि का लिस्टेड शेयरों "
                    "में निवेश होना चाहिए।</li>"
                    "<li><strong>भारत:</strong> ऐप में <strong>आईपीओ</strong> खोलें, इश्यू चुनें, "
                    "लॉट की संख्या और बोली की कीमत डालें, और अपनी यूपीआई आईडी दें। आख़िरी दिन शाम "
                    "5 बजे से पहले अपने यूपीआई ऐप में मैंडेट मंज़ूर करें। पैसा सिर्फ़ आपके बैंक "
                    "खाते में ब्लॉक होता है।</li></ul>"
                    "<p>ज़्यादा आवेदन आने पर शेयर लॉटरी से अलॉट होते हैं। शेयर मिलने पर वे "
                    "लिस्टिंग से पहले आपके बीओ या डीमैट खाते में आ जाते हैं; न मिलने पर कुछ "
                    "कामकाजी दिनों में पैसा वापस या अनब्लॉक हो जाता है।</p>"
                ),
            ),
        },
    ),
    Topic(
        key="trading-hours",
        category="trading",
        articles={
            "en": (
                "Market hours and holidays",
                (
                    "<ul><li><strong>Bangladesh (DSE and CSE):</strong> Sunday to Thursday, 10:00 "
                    "am to 2:30 pm. During Ramadan the hours are shorter, as announced by the "
                    "exchanges.</li>"
                    "<li><strong>India (NSE and BSE):</strong> Monday to Friday, 9:15 am to 3:30 "
                    "pm, with a pre-open session from 9:00 am.</li></ul>"
                    "<p>The markets are closed on weekends and public holidays such as Eid, Durga "
                    "Puja, Independence Day and Diwali (except for the special Muhurat trading "
                    "session on Diwali in India). The full list of holidays for the year is under "
                    "<strong>Markets → Holidays</strong> in the app. In India you can place an "
                    "<strong>after-market order (AMO)</strong> while the market is closed; it "
                    "goes to the exchange when the market opens.</p>"
                ),
            ),
            "bn": (
                "বাজার খোলার সময় ও ছুটি",
                (
                    "<ul><li><strong>বাংলাদেশ (ডিএসই ও সিএসই):</strong> রবিবার থেকে বৃহস্পতিবার, "
                    "সকাল ১০টা থেকে দুপুর আড়াইটা। রমজানে সময় কমানো হয়, যা এক্সচেঞ্জ আগেই ঘোষণা "
                    "করে।</li>"
                    "<li><strong>ভারত (এনএসই ও বিএসই):</strong> সোমবার থেকে শুক্রবার, সকাল সোয়া "
                    "৯টা থেকে বিকেল সাড়ে ৩টা; সকাল ৯টা থেকে প্রি-ওপেন সেশন।</li></ul>"
                    "<p>সাপ্তাহিক ছুটির দিনে এবং ঈদ, দুর্গাপূজা, স্বাধীনতা দিবস ও দিওয়ালির মতো "
                    "সরকারি ছুটিতে বাজার বন্ধ থাকে (ভারতে দিওয়ালির বিশেষ মুহুরত ট্রেডিং সেশন "
                    "ছাড়া)। বছরের পুরো ছুটির তালিকা অ্যাপের <strong>মার্কেট → ছুটি</strong> অংশে "
                    "আছে। ভারতে বাজার বন্ধ থাকার সময় <strong>আফটার-মার্কেট অর্ডার "
                    "(এএমও)</strong> দিতে পারেন; বাজার খুললে তা এক্সচেঞ্জে যায়।</p>"
                ),
            ),
            "hi": (
                "बाज़ार का समय और छुट्टियाँ",
                (
                    "<ul><li><strong>बांग्लादेश (डीएसई और सीएसई):</strong> रविवार से गुरुवार, "
                    "सुबह 10 बजे से दोपहर 2:30 बजे तक। रमज़ान में समय कम होता है, जिसकी घोषणा "
                    "एक्सचेंज पहले से करते हैं।</li>"
                    "<li><strong>भारत (एनएसई और बीएसई):</strong> सोमवार से शुक्रवार, सुबह 9:15 से "
                    "दोपहर 3:30 बजे तक; सुबह 9 बजे से प्री-ओपन सेशन।</li></ul>"
                    "<p>साप्ताहिक छुट्टी के दिनों और ईद, दुर्गा पूजा, स्वतंत्रता दिवस और दिवाली "
                    "जैसी सार्वजनिक छुट्टियों पर बाज़ार बंद रहता है (भारत में दिवाली के विशेष "
                    "मुहूर्त ट्रेडिंग सेशन को छोड़कर)। साल की छुट्टियों की पूरी सूची ऐप में "
                    "<strong>मार्केट → छुट्टियाँ</strong> में है। भारत में बाज़ार बंद होने पर आप "
                    "<strong>आफ़्टर-मार्केट ऑर्डर (एएमओ)</strong> दे सकते हैं; बाज़ार खुलने पर यह "
                    "एक्सचेंज को चला जाता है।</p>"
                ),
            ),
        },
    ),
    Topic(
        key="brokerage-fees",
        category="reports",
        articles={
            "en": (
                "Brokerage and other charges",
                (
                    "<ul><li><strong>Bangladesh:</strong> 0.40% of the trade value on each buy "
                    "and sell, including the exchange's Laga charge. The annual BO account "
                    "maintenance fee is Tk 450, charged by CDBL.</li>"
                    "<li><strong>India:</strong> zero brokerage on delivery trades; for intraday "
                    "and futures and options, ₹20 or 0.03% per executed order, whichever is "
                    "lower. Government and exchange charges are added: STT, exchange transaction "
                    "charges, SEBI fee, stamp duty and 18% GST on brokerage. Demat maintenance is "
                    "₹300 a year.</li></ul>"
                    "<p>There is no fee for opening an account, depositing or withdrawing money. "
                    "Every contract note shows the charges for each trade.</p>"
                ),
            ),
            "bn": (
                "ব্রোকারেজ কমিশন ও অন্যান্য চার্জ",
                (
                    "<ul><li><strong>বাংলাদেশ:</strong> প্রতিটি কেনা ও বেচায় লেনদেন মূল্যের "
                    "০.৪০%, এক্সচেঞ্জের লাগা চার্জসহ। সিডিবিএলের বিও অ্যাকাউন্টের বার্ষিক "
                    "রক্ষণাবেক্ষণ ফি ৪৫০ টাকা।</li>"
                    "<li><strong>ভারত:</strong> ডেলিভারি ট্রেডে কোনো ব্রোকারেজ নেই; ইন্ট্রাডে এবং "
                    "ফিউচার্স ও অপশনসে প্রতিটি সম্পন্ন অর্ডারে ২০ রুপি বা ০.০৩%, যেটি কম। এর "
                    "সঙ্গে সরকারি ও এক্সচেঞ্জ চার্জ যোগ হয়: এসটিটি, এক্সচেঞ্জ লেনদেন চার্জ, সেবি "
                    "ফি, স্ট্যাম্প ডিউটি এবং ব্রোকারেজের ওপর ১৮% জিএসটি। ডিম্যাট রক্ষণাবেক্ষণ ফি "
                    "বছরে ৩০০ রুপি।</li></ul>"
                    "<p>অ্যাকাউন্ট খোলা, টাকা জমা বা উত্তোলনে কোনো ফি নেই। প্রতিটি কন্ট্রাক্ট "
                    "নোটে প্রতিটি ট্রেডের চার্জ দেখানো থাকে।</p>"
                ),
            ),
            "hi": (
                "ब्रोकरेज और दूसरे शुल्क",
                (
                    "<ul><li><strong>बांग्लादेश:</strong> हर खरीद और बिक्री पर ट्रेड वैल्यू का "
                    "0.40%, एक्सचेंज के लागा शुल्क सहित। सीडीबीएल का बीओ खाते का सालाना रखरखाव "
                    "शुल्क 450 टका है।</li>"
                    "<li><strong>भारत:</strong> डिलीवरी ट्रेड पर कोई ब्रोकरेज नहीं; इंट्राडे और "
                    "फ़्यूचर्स व ऑप्शंस में हर पूरे हुए ऑर्डर पर ₹20 या 0.03%, जो भी कम हो। इसके "
                    "ऊपर सरकारी और एक्सचेंज शुल्क जुड़ते हैं: एसटीटी, एक्सचेंज ट्रांज़ैक्शन "
                    "चार्ज, सेबी फ़ीस, स्टांप ड्यूटी और ब्रोकरेज पर 18% जीएसटी। डीमैट रखरखाव "
                    "शुल्क ₹300 सालाना है।</li></ul>"
                    "<p>खाता खोलने, पैसे जमा करने या निकालने पर कोई शुल्क नहीं है। हर कॉन्ट्रैक्ट "
                    "नोट में हर ट्रेड के शुल्क दिखाए जाते हैं।</p>"
                ),
            ),
        },
    ),
    Topic(
        key="statements-and-tax",
        category="reports",
        articles={
            "en": (
                "Statements, contract notes and tax reports",
                (
                    "<p>All your reports are under <strong>Reports</strong> in the app and on the "
                    "website, as PDF files:</p>"
                    "<ul><li><strong>Contract note</strong>: emailed on the evening of every day "
                    "on which you trade.</li>"
                    "<li><strong>Monthly statement</strong>: all trades, deposits, withdrawals "
                    "and charges of the month.</li>"
                    "<li><strong>Portfolio statement</strong>: your holdings and their value on "
                    "any date.</li>"
                    "<li><strong>Capital gains report</strong>: profit and loss for the financial "
                    "year, for your income tax return (July to June in Bangladesh, April to March "
                    "in India).</li></ul>"
                    "<p>Choose the report and the period, then tap <strong>Download</strong>. "
                    "Reports for the last eight years are available. The PDFs are "
                    "password-protected: the password is your client code in Bangladesh and your "
                    "PAN in India.</p>"
                ),
            ),
            "bn": (
                "স্টেটমেন্ট, কন্ট্রাক্ট নোট ও কর রিপোর্ট",
                (
                    "<p>আপনার সব রিপোর্ট অ্যাপ ও ওয়েবসাইটের <strong>রিপোর্ট</strong> অংশে পিডিএফ "
                    "আকারে পাবেন:</p>"
                    "<ul><li><strong>কন্ট্রাক্ট নোট</strong>: যেদিন লেনদেন করেন, সেদিন সন্ধ্যায় "
                    "ইমেইলে পাঠানো হয়।</li>"
                    "<li><strong>মাসিক স্টেটমেন্ট</strong>: মাসের সব লেনদেন, জমা, উত্তোলন ও "
                    "চার্জ।</li>"
                    "<li><strong>পোর্টফোলিও স্টেটমেন্ট</strong>: যেকোনো তারিখে আপনার শেয়ার ও "
                    "সেগুলোর মূল্য।</li>"
                    "<li><strong>ক্যাপিটাল গেইন রিপোর্ট</strong>: আয়কর রিটার্নের জন্য অর্থবছরের "
                    "লাভ-ক্ষতির হিসাব (বাংলাদেশে জুলাই থেকে জুন, ভারতে এপ্রিল থেকে মার্চ)।</li>"
                    "</ul>"
                    "<p>রিপোর্ট ও সময়কাল বেছে নিয়ে <strong>ডাউনলোড</strong> চাপুন। গত আট বছরের "
                    "রিপোর্ট পাওয়া যায়। পিডিএফগুলো পাসওয়ার্ড দিয়ে সুরক্ষিত: বাংলাদেশে "
                    "পাসওয়ার্ড আপনার ক্লায়েন্ট কোড, ভারতে আপনার প্যান।</p>"
                ),
            ),
            "hi": (
                "स्टेटमेंट, कॉन्ट्रैक्ट नोट और टैक्स रिपोर्ट",
                (
                    "<p>आपकी सभी रिपोर्ट ऐप और वेबसाइट के <strong>रिपोर्ट</strong> सेक्शन में "
                    "पीडीएफ़ के रूप में मिलती हैं:</p>"
                    "<ul><li><strong>कॉन्ट्रैक्ट नोट</strong>: जिस दिन आप ट्रेड करते हैं, उसी शाम "
                    "ईमेल से भेजा जाता है।</li>"
                    "<li><strong>मासिक स्टेटमेंट</strong>: महीने के सभी ट्रेड, जमा, निकासी और "
                    "शुल्क।</li>"
                    "<li><strong>पोर्टफ़ोलियो स्टेटमेंट</strong>: किसी भी तारीख पर आपके शेयर और "
                    "उनकी कीमत।</li>"
                    "<li><strong>कैपिटल गेन रिपोर्ट</strong>: इनकम टैक्स रिटर्न के लिए वित्त वर्ष "
                    "का मुनाफ़ा-नुकसान (बांग्लादेश में जुलाई से जून, भारत में अप्रैल से "
                    "मार्च)।</li></ul>"
                    "<p>रिपोर्ट और अवधि चुनें, फिर <strong>डाउनलोड</strong> पर टैप करें। पिछले आठ "
                    "साल की रिपोर्ट उपलब्ध हैं। पीडीएफ़ पासवर्ड से सुरक्षित होती हैं: बांग्लादेश "
                    "में पासवर्ड आपका क्लाइंट कोड है और भारत में आपका पैन।</p>"
                ),
            ),
        },
    ),
)
