from django import forms


class PartnerSheetForm(forms.Form):
    file = forms.FileField(
        label="The partner's sheet (CSV or Excel .xlsx)",
        help_text="Columns: Period start and Period end (or Period: 2022-01, 2022-Q1 or 2021/22), Value, and Note if "
        "wanted. A figure for a period already held is replaced. A sheet with any problem is refused whole.",
        error_messages={"required": "Choose the sheet to upload"},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.xlsm"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx", ".xlsm")):
            raise forms.ValidationError("The sheet must be a CSV file or an Excel .xlsx workbook")
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError("The sheet must be smaller than 5 MB")
        return upload
