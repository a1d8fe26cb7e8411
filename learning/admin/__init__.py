"""Administration pages: the users list, one user's details, roles and (de)activation."""
