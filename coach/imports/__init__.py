"""Reading other apps' workout exports: Strong, Hevy, FitNotes and Liftosaur CSV files.

Pure and streaming: a reader takes the rows of an open text file one at a time and yields
one ``ImportedSet`` (or ``Skipped``) per row, so a file of any length is read in the same
memory. ``read_export`` picks the reader by the header; ``coach.imports.plan`` turns the
sets into rows ready to store. Nothing here knows about the database or Discord.
"""
