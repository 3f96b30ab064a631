from django import forms


class PublishForm(forms.Form):
    urgency_reason = forms.CharField(
        label="Reason for urgency (only if publishing late)",
        required=False,
        widget=forms.Textarea,
        help_text="After the last lawful day, give the special circumstances for which the Chairman decided the business "
        "is urgent. It is printed with the late items (LGA 1972 s100B(4)).",
    )
