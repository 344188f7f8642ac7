"""Checkout: the cart, and turning lines (from the cart, the order-now form, later an accepted
quote or a contract call-off) into orders per cooperative and starting their payment.

It sits above `orders` and `payments` and calls both; neither imports it.
"""
