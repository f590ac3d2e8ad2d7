from __future__ import annotations

from django import forms

from sampark.contacts.models import Contact


class ContactForm(forms.ModelForm[Contact]):
    # The version the user started editing from; a save from an older version is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Contact
        fields = ["display_name", "email", "phone", "language"]
