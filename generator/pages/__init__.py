"""What each page shows: the page plan and the values handed to templates."""
