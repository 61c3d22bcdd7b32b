"""The texts of My wishes: its screens, the alerts' pushes and its refusals."""
