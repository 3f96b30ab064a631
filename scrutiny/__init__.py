"""scrutiny: the records and papers of a council's Crime and Disorder (Overview and Scrutiny) Committee."""
