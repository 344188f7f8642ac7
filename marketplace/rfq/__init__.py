"""Requests for quotation: a buyer asks one or several cooperatives for a price, each answers
with a quote or declines, both sides talk on a thread per cooperative, and the accepted quote
becomes an order through checkout at the quoted price.

It sits beside checkout (DESIGN §3: offtake, checkout) and calls it; nothing below imports it.
"""
