"""A small demo workspace: desks in Dhaka, Kolkata and Mumbai with clients named in their scripts."""

from __future__ import annotations

TEAMS = ["Dhaka desk", "Kolkata desk", "Mumbai desk"]

# username, first name, last name, role, team, UI language, time zone
PEOPLE = [
    ("rahim", "রহিম", "উদ্দিন", "manager", "Dhaka desk", "bn", "Asia/Dhaka"),
    ("nusrat", "নুসরাত", "জাহান", "agent", "Dhaka desk", "bn", "Asia/Dhaka"),
    ("arijit", "অরিজিৎ", "সেন", "agent", "Kolkata desk", "bn", "Asia/Kolkata"),
    ("priya", "प्रिया", "शर्मा", "manager", "Mumbai desk", "hi", "Asia/Kolkata"),
    ("vikram", "विक्रम", "सिंह", "agent", "Mumbai desk", "hi", "Asia/Kolkata"),
    ("sarah", "Sarah", "Khan", "read_only", "Dhaka desk", "en", "Asia/Dhaka"),
]

# name, web domain, industry, country, owner
COMPANIES = [
    ("পদ্মা সিকিউরিটিজ লিমিটেড", "padma-securities.example.com", "Brokerage", "BD", "rahim"),
    ("মেঘনা টেক্সটাইলস", "meghna-textiles.example.com", "Textiles", "BD", "nusrat"),
    ("गंगा कैपिटल एडवाइज़र्स", "ganga-capital.example.in", "Financial advice", "IN", "priya"),
    ("Hooghly Tea Exports", "hooghly-tea.example.in", "Exports", "IN", "arijit"),
]

# contact (by name) → company (by name), title
AFFILIATIONS = [
    ("মোহাম্মদ আব্দুল্লাহ", "পদ্মা সিকিউরিটিজ লিমিটেড", "প্রধান নির্বাহী"),
    ("ফাতেমা খাতুন", "মেঘনা টেক্সটাইলস", "Finance director"),
    ("তানভীর হাসান", "পদ্মা সিকিউরিটিজ লিমিটেড", "Head of trading"),
    ("सुरेश कृष्णमूर्ति", "गंगा कैपिटल एडवाइज़र्स", "प्रबंध निदेशक"),
    ("कविता अग्रवाल", "गंगा कैपिटल एडवाइज़र्स", "Portfolio manager"),
    ("রবীন্দ্র চক্রবর্তী", "Hooghly Tea Exports", "Owner"),
]

# display name, email, phone, preferred language, owner
CONTACTS = [
    ("মোহাম্মদ আব্দুল্লাহ", "abdullah@example.com", "+8801711000001", "bn", "nusrat"),
    ("ফাতেমা খাতুন", "fatema.khatun@example.com", "+8801711000002", "bn", "nusrat"),
    ("সুমাইয়া আক্তার", "sumaiya@example.com", "+8801811000003", "bn", "nusrat"),
    ("তানভীর হাসান", "tanvir.hasan@example.com", "+8801911000004", "bn", "rahim"),
    ("শাহানা পারভীন", "shahana@example.com", "+8801611000005", "bn", "rahim"),
    ("রবীন্দ্র চক্রবর্তী", "rabindra.c@example.in", "+919830000006", "bn", "arijit"),
    ("শ্রেয়া ব্যানার্জি", "shreya.b@example.in", "+919830000007", "bn", "arijit"),
    ("সৌমিত্র মুখোপাধ্যায়", "soumitra@example.in", "+919830000008", "bn", "arijit"),
    ("राहुल वर्मा", "rahul.verma@example.in", "+919820000009", "hi", "vikram"),
    ("अनीता देशपांडे", "anita.d@example.in", "+919820000010", "hi", "vikram"),
    ("सुरेश कृष्णमूर्ति", "suresh.k@example.in", "+919820000011", "hi", "priya"),
    ("कविता अग्रवाल", "kavita.agarwal@example.in", "+919820000012", "hi", "priya"),
    ("अमित त्रिपाठी", "amit.tripathi@example.in", "+919820000013", "hi", "vikram"),
    ("James Fernandes", "james.fernandes@example.com", "+919820000014", "en", "priya"),
    ("Ayesha Siddiqui", "ayesha.s@example.com", "+8801711000015", "en", "nusrat"),
    ("David Gomes", "david.gomes@example.com", "+8801711000016", "en", "rahim"),
    ("Meera Nair", "meera.nair@example.in", "+919845000017", "en", "vikram"),
    ("Tahmid Chowdhury", "tahmid@example.com", "+8801711000018", "en", "nusrat"),
]

# Tasks on demo contacts, assigned to each contact's owner: contact (by name), title, due in
# this many days from today (negative: overdue), at this hour on the assignee's clock, priority,
# recurrence.
TASKS = [
    ("মোহাম্মদ আব্দুল্লাহ", "মার্জিন অ্যাকাউন্টের কাগজপত্র পাঠান", -2, 11, "high", "none"),
    ("ফাতেমা খাতুন", "সঞ্চয়পত্রের মেয়াদ নিয়ে ফোন করুন", 0, 15, "normal", "none"),
    ("তানভীর হাসান", "সাপ্তাহিক পোর্টফোলিও পর্যালোচনা", 1, 10, "normal", "weekly"),
    ("राहुल वर्मा", "KYC दस्तावेज़ों का नवीनीकरण", -1, 12, "urgent", "none"),
    ("सुरेश कृष्णमूर्ति", "तिमाही निवेश रिपोर्ट भेजें", 3, 16, "normal", "none"),
    ("Meera Nair", "Follow up on the SIP top-up", 0, 17, "high", "none"),
    ("James Fernandes", "Send the quarterly statement", 5, 11, "low", "monthly"),
]

# contact (by name) → a home address, in the script its people write it in
ADDRESSES = {
    "মোহাম্মদ আব্দুল্লাহ": {
        "line1": "বাড়ি ১২, রোড ৫, গুলশান ২",
        "city": "ঢাকা",
        "postal_code": "1212",
        "country": "BD",
    },
    "তানভীর হাসান": {
        "line1": "৪৫ আগ্রাবাদ বাণিজ্যিক এলাকা",
        "city": "চট্টগ্রাম",
        "postal_code": "4100",
        "country": "BD",
    },
    "রবীন্দ্র চক্রবর্তী": {
        "line1": "১৮ গড়িয়াহাট রোড",
        "city": "কলকাতা",
        "region": "পশ্চিমবঙ্গ",
        "postal_code": "700019",
        "country": "IN",
    },
    "राहुल वर्मा": {
        "line1": "फ्लैट 7, सागर अपार्टमेंट्स, बांद्रा पश्चिम",
        "city": "मुंबई",
        "region": "महाराष्ट्र",
        "postal_code": "400050",
        "country": "IN",
    },
}
