-- cancellation_details.feedback and .comment, as the customer gives them (the portal's cancel form,
-- or the API's cancellation_details); reason stays in cancellation_reason.
ALTER TABLE subscriptions ADD COLUMN cancellation_feedback TEXT;
ALTER TABLE subscriptions ADD COLUMN cancellation_comment TEXT;
